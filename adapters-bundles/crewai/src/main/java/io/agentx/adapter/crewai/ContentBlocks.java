package io.agentx.adapter.crewai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentx.a2a.model.Part;
import io.agentx.adapter.common.DataUrls;
import io.agentx.api.adapter.FrameworkAdapter;
import java.util.Base64;
import java.util.Map;

/**
 * A2A parts ↔ the content parts of an OpenAI-style chat message, as CrewAI hands them to LiteLLM: {@code text},
 * {@code image_url} (a URL or a data URL, with an optional {@code detail}), {@code input_audio} (Base64 WAV or
 * MP3) and {@code file} ({@code file_data} as a data URL, or {@code file_id}, which LiteLLM also accepts as a URL).
 * Blocks of other types are carried as data parts whose {@value FrameworkAdapter#KIND} is {@code crewai.<type>}.
 */
final class ContentBlocks {
    /** Part metadata: the {@code detail} of an {@code image_url} block. */
    static final String DETAIL = "crewai.detail";
    private static final String KIND_PREFIX = "crewai.";

    private final ObjectMapper json;

    ContentBlocks(ObjectMapper json) {
        this.json = json;
    }

    /** The block a text, URL or raw part becomes, or a block of another type a data part holds verbatim; else null. */
    ObjectNode block(Part part) {
        if (part instanceof Part.Text text) {
            return json.createObjectNode().put("type", "text").put("text", text.text());
        }
        if (part instanceof Part.Url url) {
            boolean image = url.mediaType() != null ? url.mediaType().startsWith("image/")
                    : DataUrls.imageType(url.url()) != null;
            return image ? image(url.url(), part) : file("file_id", url.url(), url.filename());
        }
        if (part instanceof Part.Raw raw) {
            String mediaType = raw.mediaType() == null ? "" : raw.mediaType();
            String audioFormat = switch (mediaType) {
                case "audio/wav", "audio/x-wav" -> "wav";
                case "audio/mpeg", "audio/mp3" -> "mp3";
                default -> null;
            };
            if (mediaType.startsWith("image/")) {
                return image(DataUrls.encode(raw.raw(), raw.mediaType()), part);
            }
            if (audioFormat != null) {
                ObjectNode block = json.createObjectNode().put("type", "input_audio");
                block.putObject("input_audio").put("data", Base64.getEncoder().encodeToString(raw.raw()))
                        .put("format", audioFormat);
                return block;
            }
            return file("file_data", DataUrls.encode(raw.raw(), raw.mediaType()), raw.filename());
        }
        return verbatim((Part.Data) part);
    }

    /** The A2A part a content block stands for. */
    Part part(JsonNode block, String path) {
        if (!block.isObject()) {
            throw new IllegalArgumentException(path + ": expected a content part object");
        }
        if (!block.path("type").isTextual()) {
            throw new IllegalArgumentException(path + ".type: missing (text, image_url, input_audio, file…)");
        }
        String type = block.get("type").asText();
        switch (type) {
            case "text": {
                if (!block.path("text").isTextual()) {
                    throw new IllegalArgumentException(path + ".text: expected a string");
                }
                return Part.Text.of(block.get("text").asText());
            }
            case "image_url": {
                JsonNode imageUrl = block.path("image_url");
                JsonNode url = imageUrl.isTextual() ? imageUrl : imageUrl.path("url");
                if (!url.isTextual()) {
                    throw new IllegalArgumentException(path + ".image_url.url: missing");
                }
                Map<String, Object> metadata = imageUrl.path("detail").isTextual()
                        ? Map.of(DETAIL, imageUrl.get("detail").asText()) : Map.of();
                if (DataUrls.isDataUrl(url.asText())) {
                    Part.Raw raw = DataUrls.decode(url.asText(), null, path + ".image_url.url");
                    return new Part.Raw(raw.raw(), raw.mediaType(), null, metadata);
                }
                return new Part.Url(url.asText(), DataUrls.imageType(url.asText()), null, metadata);
            }
            case "input_audio": {
                JsonNode audio = block.path("input_audio");
                if (!audio.path("data").isTextual()) {
                    throw new IllegalArgumentException(path + ".input_audio.data: expected Base64 text");
                }
                String format = audio.path("format").asText("");
                String mediaType = format.equals("mp3") ? "audio/mpeg" : format.isEmpty() ? null : "audio/" + format;
                return new Part.Raw(base64(audio.get("data").asText(), path + ".input_audio.data"), mediaType, null,
                        null);
            }
            case "file": {
                JsonNode file = block.path("file");
                String filename = file.path("filename").asText(null);
                if (file.path("file_data").isTextual()) {
                    String data = file.get("file_data").asText();
                    return DataUrls.isDataUrl(data) ? DataUrls.decode(data, filename, path + ".file.file_data")
                            : new Part.Raw(base64(data, path + ".file.file_data"), null, filename, null);
                }
                if (file.path("file_id").asText("").contains("://")) {
                    return new Part.Url(file.get("file_id").asText(), null, filename, null);
                }
                return carried(block, type); // a provider's file id: meaningful only to that provider
            }
            default:
                return carried(block, type);
        }
    }

    private ObjectNode image(String url, Part part) {
        ObjectNode block = json.createObjectNode().put("type", "image_url");
        ObjectNode imageUrl = block.putObject("image_url").put("url", url);
        if (part.metadata().get(DETAIL) instanceof String detail) {
            imageUrl.put("detail", detail);
        }
        return block;
    }

    private ObjectNode file(String field, String value, String filename) {
        ObjectNode block = json.createObjectNode().put("type", "file");
        ObjectNode file = block.putObject("file").put(field, value);
        if (filename != null) {
            file.put("filename", filename);
        }
        return block;
    }

    /** A data part that holds a block of a type A2A has no part for, as it was read; else null. */
    private ObjectNode verbatim(Part.Data data) {
        if (!(data.metadata().get(FrameworkAdapter.KIND) instanceof String kind) || !kind.startsWith(KIND_PREFIX)
                || !(data.data() instanceof Map<?, ?>)) {
            return null;
        }
        ObjectNode block = json.valueToTree(data.data());
        try {
            return block.path("type").isTextual() && part(block, "") instanceof Part.Data ? block : null;
        } catch (IllegalArgumentException e) {
            return null; // not a block CrewAI could read: plain data then
        }
    }

    private Part carried(JsonNode block, String type) {
        return new Part.Data(json.convertValue(block, Object.class), null, null,
                Map.of(FrameworkAdapter.KIND, KIND_PREFIX + type));
    }

    private static byte[] base64(String text, String path) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": not Base64", e);
        }
    }
}
