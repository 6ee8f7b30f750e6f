package io.agentx.grpc.internal.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Converts between lf.a2a.v1 protobuf messages and the A2A model through their ProtoJSON form, which is exactly
 * what {@link A2aJson} reads and writes: what a client or plugin sends is validated by the same rules, with the
 * same field paths in errors, as on the JSON bindings.
 */
public final class ProtoJson {
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

    private final A2aJson json;

    public ProtoJson(A2aJson json) {
        this.json = json;
    }

    public A2aJson json() {
        return json;
    }

    /** A protobuf message as a JSON tree, for {@link A2aJson}'s readers. */
    public JsonNode tree(MessageOrBuilder message) {
        try {
            return json.mapper().readTree(PRINTER.print(message));
        } catch (InvalidProtocolBufferException e) {
            throw new A2aException(A2aError.INVALID_PARAMS, "the request cannot be read: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fills {@code builder} from a JSON tree {@link A2aJson} wrote. */
    public <B extends com.google.protobuf.Message.Builder> B merge(JsonNode tree, B builder) {
        try {
            PARSER.merge(json.mapper().writeValueAsString(tree), builder);
            return builder;
        } catch (IOException e) {
            throw new IllegalStateException("AgentX wrote JSON its protobuf form does not accept: " + e.getMessage(), e);
        }
    }
}
