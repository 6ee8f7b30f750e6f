package io.agentx.a2a.client.internal;

import io.agentx.a2a.client.A2aClientException;
import io.agentx.a2a.model.AgentCard;
import io.agentx.a2a.model.AgentInterface;
import java.net.URI;
import java.util.Comparator;
import java.util.stream.Collectors;

/**
 * Chooses the interface to call among those an agent card offers: the preferred version, else 1.0, else 0.3;
 * among those the preferred binding; then the card's order. Relative URLs are resolved against the card's URL.
 */
final class InterfaceSelector {
    static final String V1_0 = "1.0";
    static final String V0_3 = "0.3";

    private InterfaceSelector() {
    }

    /** Whether this client speaks the interface: JSON-RPC or HTTP+JSON, at 1.0 or 0.3. */
    static boolean supported(AgentInterface candidate) {
        String version = majorMinor(candidate.protocolVersion());
        return (V1_0.equals(version) || V0_3.equals(version))
                && (AgentInterface.JSONRPC.equals(candidate.protocolBinding())
                        || AgentInterface.HTTP_JSON.equals(candidate.protocolBinding()));
    }

    /**
     * @param preferredVersion {@code 1.0}, {@code 0.3} or {@code null}
     * @param preferredBinding {@code JSONRPC}, {@code HTTP+JSON} or {@code null}
     * @throws A2aClientException ({@code INCOMPATIBLE_AGENT}) when the card offers nothing this client speaks
     */
    static AgentInterface select(AgentCard card, URI cardUrl, String preferredVersion, String preferredBinding) {
        Comparator<AgentInterface> preference = Comparator
                .comparingInt((AgentInterface candidate) -> versionRank(candidate, preferredVersion))
                .thenComparingInt(candidate -> candidate.protocolBinding().equals(preferredBinding) ? 0 : 1);
        return card.supportedInterfaces().stream().filter(InterfaceSelector::supported)
                .min(preference) // min keeps the first of equals: the card's order
                .map(chosen -> new AgentInterface(cardUrl.resolve(chosen.url()).toString(), chosen.protocolBinding(),
                        majorMinor(chosen.protocolVersion()), chosen.tenant()))
                .orElseThrow(() -> new A2aClientException(A2aClientException.Failure.INCOMPATIBLE_AGENT, cardUrl, 0,
                        "the agent card at " + cardUrl + " offers no interface this client speaks (JSONRPC or HTTP+JSON"
                                + " at A2A 1.0 or 0.3); it offers " + offers(card), null));
    }

    /** {@code 1.0.1} → {@code 1.0}; {@code null} stays {@code null}. */
    static String majorMinor(String version) {
        if (version == null) {
            return null;
        }
        String[] numbers = version.trim().split("\\.");
        return numbers.length < 2 ? version.trim() : numbers[0] + "." + numbers[1];
    }

    private static int versionRank(AgentInterface candidate, String preferredVersion) {
        String version = majorMinor(candidate.protocolVersion());
        if (version.equals(preferredVersion)) {
            return 0;
        }
        return V1_0.equals(version) ? 1 : 2;
    }

    private static String offers(AgentCard card) {
        if (card.supportedInterfaces().isEmpty()) {
            return "none";
        }
        return card.supportedInterfaces().stream()
                .map(offer -> offer.protocolBinding() + " " + offer.protocolVersion() + " at " + offer.url())
                .collect(Collectors.joining(", "));
    }
}
