// The bare Node hop for scripts/bench-plugins.sh: a @grpc/grpc-js server whose unary /bench.Echo/Echo answers
// with the bytes it received (no parsing at all: the floor of one gRPC round trip into Node). PORT names the port.
import grpc from '@grpc/grpc-js';

const same = (bytes) => bytes;
const server = new grpc.Server();
server.addService({
  Echo: { path: '/bench.Echo/Echo', requestStream: false, responseStream: false,
    requestSerialize: same, requestDeserialize: same, responseSerialize: same, responseDeserialize: same },
}, { Echo: (call, callback) => callback(null, call.request) });
server.bindAsync(`127.0.0.1:${process.env.PORT}`, grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) throw error;
  console.log(`echo on 127.0.0.1:${port}`);
});
