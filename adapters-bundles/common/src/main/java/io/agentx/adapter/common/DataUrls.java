package io.agentx.adapter.common;

import io.agentx.a2a.model.Part;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** {@code data:} URLs (RFC 2397) and media types guessed from a URL's file extension. */
public final class DataUrls {
    private DataUrls() {
    }

    public static boolean isDataUrl(String url) {
        return url.regionMatches(true, 0, "data:", 0, 5);
    }

    /**
     * Bytes as a Base64 data URL; without a media type, or with one that a data URL cannot hold (a comma would end
     * its header), {@code data:;base64,…}.
     */
    public static String encode(byte[] bytes, String mediaType) {
        return "data:" + (mediaType == null || mediaType.contains(",") ? "" : mediaType) + ";base64,"
                + Base64.getEncoder().encodeToString(bytes);
    }

    /** A data URL's content as a raw part (its parameters other than base64 are dropped). */
    public static Part.Raw decode(String url, String filename, String path) {
        int comma = url.indexOf(',');
        if (comma < 0) {
            throw new IllegalArgumentException(path + ": a data URL needs a ',' before its content");
        }
        String header = url.substring(5, comma);
        String mediaType = header.split(";")[0];
        String content = url.substring(comma + 1);
        byte[] bytes;
        try {
            bytes = header.toLowerCase(Locale.ROOT).endsWith(";base64") ? Base64.getDecoder().decode(content)
                    : content.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": the data URL's content is not Base64", e);
        }
        return new Part.Raw(bytes, mediaType.isEmpty() ? null : mediaType, filename, null);
    }

    /** The media type of an image URL from its extension, or null. */
    public static String imageType(String url) {
        String file = url.toLowerCase(Locale.ROOT).replaceAll("[?#].*$", "");
        if (file.endsWith(".png")) {
            return "image/png";
        }
        if (file.endsWith(".jpg") || file.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (file.endsWith(".gif")) {
            return "image/gif";
        }
        if (file.endsWith(".webp")) {
            return "image/webp";
        }
        return null;
    }
}
