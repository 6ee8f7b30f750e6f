package io.agentx.a2a.client.internal;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads a model value out of the JSON of an answer; the path names the value in decoding errors. */
@FunctionalInterface
interface ResultDecoder<T> {
    /** @throws io.agentx.a2a.model.A2aException naming the offending field when the JSON has the wrong shape */
    T decode(JsonNode json, String path);
}
