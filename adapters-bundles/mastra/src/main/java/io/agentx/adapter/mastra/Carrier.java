package io.agentx.adapter.mastra;

/**
 * Where the model messages keep what they have no field for: {@code providerOptions.agentx} of each message
 * (model providers ignore options not addressed to them, and the Node SDK writes its conversion notes there too).
 * The first model message written for an A2A message carries its {@value #MESSAGE_ID}, {@value #CONTEXT_ID},
 * {@value #TASK_ID}, {@value #ROLE} (the A2A role, when the model role does not imply it), {@value #METADATA},
 * {@value #EXTENSIONS}, {@value #REFERENCE_TASK_IDS} and {@value #LOST}; every further one (the tool results,
 * the text after them) only the {@value #MESSAGE_ID}, so that the way back joins them again. Each also carries
 * what its own content cannot hold: {@value #TEXT_LENGTHS} when several text parts were joined into the string
 * content, and {@value #PARTS}, by content index, the A2A fields a content part has no place for (an image's
 * file name) or the whole A2A data part that the model reads as JSON text.
 */
final class Carrier {
    /** The {@code providerOptions} key of the carrier. */
    static final String KEY = "agentx";
    static final String MESSAGE_ID = "messageId";
    static final String CONTEXT_ID = "contextId";
    static final String TASK_ID = "taskId";
    static final String ROLE = "role";
    static final String METADATA = "metadata";
    static final String EXTENSIONS = "extensions";
    static final String REFERENCE_TASK_IDS = "referenceTaskIds";
    static final String LOST = "lost";
    static final String TEXT_LENGTHS = "textLengths";
    static final String PARTS = "parts";

    /**
     * A2A metadata key of Mastra's own {@code providerOptions} (of a message, or of a content part in the part's
     * metadata), so that they reach the model again on the way back.
     */
    static final String PROVIDER_OPTIONS = "mastra.providerOptions";
    /** Prefix of the {@code agentx.kind} of a data part holding a Mastra content part A2A has no part for. */
    static final String MASTRA_PART = "mastra.";

    private Carrier() {
    }
}
