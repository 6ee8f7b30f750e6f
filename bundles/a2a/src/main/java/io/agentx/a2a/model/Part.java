package io.agentx.a2a.model;

import java.util.Map;

/** One piece of content of a message or artifact: text, raw bytes, a URL or structured data. */
public sealed interface Part permits Part.Text, Part.Raw, Part.Url, Part.Data {

    /** The media type of the content, or {@code null}. */
    String mediaType();

    /** A file name for the content, or {@code null}. */
    String filename();

    /** Part metadata; empty if none. */
    Map<String, Object> metadata();

    /** Plain text content. */
    record Text(String text, String mediaType, String filename, Map<String, Object> metadata) implements Part {
        public Text {
            metadata = Values.map(metadata);
        }

        public static Text of(String text) {
            return new Text(text, null, null, null);
        }
    }

    /** Inline bytes (Base64 on the wire). */
    record Raw(byte[] raw, String mediaType, String filename, Map<String, Object> metadata) implements Part {
        public Raw {
            raw = raw.clone();
            metadata = Values.map(metadata);
        }

        @Override
        public byte[] raw() {
            return raw.clone();
        }
    }

    /** Content at a URL. */
    record Url(String url, String mediaType, String filename, Map<String, Object> metadata) implements Part {
        public Url {
            metadata = Values.map(metadata);
        }
    }

    /** Structured data: any JSON value (maps, lists, strings, numbers, booleans). */
    record Data(Object data, String mediaType, String filename, Map<String, Object> metadata) implements Part {
        public Data {
            data = Values.value(data);
            metadata = Values.map(metadata);
        }
    }
}
