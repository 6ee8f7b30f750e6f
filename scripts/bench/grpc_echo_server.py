"""The bare Python hop for scripts/bench-plugins.sh: a grpc.aio server (as the Python plugin SDK uses) whose unary
/bench.Echo/Echo answers with the bytes it received (no parsing: the floor of one gRPC round trip into Python).
PORT names the port."""

import asyncio
import os

import grpc


async def echo(request: bytes, context) -> bytes:
    return request


async def main() -> None:
    server = grpc.aio.server()
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(
        "bench.Echo", {"Echo": grpc.unary_unary_rpc_method_handler(echo)}),))
    server.add_insecure_port(f"127.0.0.1:{os.environ['PORT']}")
    await server.start()
    print(f"echo on 127.0.0.1:{os.environ['PORT']}", flush=True)
    await server.wait_for_termination()


asyncio.run(main())
