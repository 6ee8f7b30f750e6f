package io.agentx.a2a.model;

import java.util.List;
import java.util.Map;

/** An output of a task: a document, an image, structured data… */
public record Artifact(String artifactId, String name, String description, List<Part> parts,
        Map<String, Object> metadata, List<String> extensions) {

    public Artifact {
        parts = Values.list(parts);
        metadata = Values.map(metadata);
        extensions = Values.list(extensions);
    }

    /** The same artifact with more parts appended. */
    public Artifact append(List<Part> more) {
        List<Part> all = new java.util.ArrayList<>(parts);
        all.addAll(more);
        return new Artifact(artifactId, name, description, all, metadata, extensions);
    }
}
