package io.agentx.adapter.mastra;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentx.a2a.model.Part;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * File content between A2A file parts and the AI SDK's file data ({@code DataContent | URL} of {@code ImagePart.image}
 * and {@code FilePart.data}), which in JSON is Base64 text or a URL string. Node's {@code JSON.stringify} of a
 * {@code Buffer} ({@code {"type": "Buffer", "data": [bytes]}}) is read too.
 */
final class FileContent {
    private static final Pattern URL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*", Pattern.DOTALL);
    private static final Pattern BASE64_DATA_URL = Pattern.compile("^data:([^;,]*);base64,(.*)$", Pattern.DOTALL);

    private FileContent() {
    }

    /** The file data of a raw part (Base64) or a URL part (the URL). */
    static String of(Part part) {
        return part instanceof Part.Raw raw ? Base64.getEncoder().encodeToString(raw.raw()) : ((Part.Url) part).url();
    }

    /**
     * The A2A file part of file data: a URL part for a URL (a Base64 {@code data:} URL gives its bytes), else a raw
     * part of the Base64 text's or Buffer's bytes.
     */
    static Part part(JsonNode content, String mediaType, String filename, Map<String, Object> metadata, String path) {
        if (content.isObject() && "Buffer".equals(content.path("type").asText()) && content.path("data").isArray()) {
            return new Part.Raw(bufferBytes(content.get("data"), path + ".data"), mediaType, filename, metadata);
        }
        if (!content.isTextual()) {
            throw new IllegalArgumentException(path + ": expected Base64 text, a URL or a serialized Buffer");
        }
        String value = content.asText();
        Matcher inline = BASE64_DATA_URL.matcher(value);
        if (inline.matches()) {
            String type = mediaType != null ? mediaType : inline.group(1).isEmpty() ? null : inline.group(1);
            return new Part.Raw(base64(inline.group(2), path), type, filename, metadata);
        }
        if (URL.matcher(value).matches() || value.startsWith("data:")) {
            return new Part.Url(value, mediaType, filename, metadata);
        }
        return new Part.Raw(base64(value, path), mediaType, filename, metadata);
    }

    private static byte[] base64(String text, String path) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException(path + ": neither a URL nor Base64 text", notBase64);
        }
    }

    private static byte[] bufferBytes(JsonNode data, String path) {
        byte[] bytes = new byte[data.size()];
        for (int i = 0; i < bytes.length; i++) {
            JsonNode value = data.get(i);
            if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0 || value.asInt() > 255) {
                throw new IllegalArgumentException(path + "[" + i + "]: expected a byte (0 to 255)");
            }
            bytes[i] = (byte) value.asInt();
        }
        return bytes;
    }
}
