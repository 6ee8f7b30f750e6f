package io.agentx.router.internal.remote;

import java.net.URI;
import java.net.URISyntaxException;

/** Card URLs as AgentX shows them (replica names, logs, errors, /api/v1/agents): credentials in them masked. */
final class CardUrls {
    private CardUrls() {
    }

    /** The URL with any {@code user:password@} replaced by {@code ***@}. */
    static String shown(URI url) {
        if (url.getRawUserInfo() == null) {
            return url.toString();
        }
        try {
            return new URI(url.getScheme(), "***", url.getHost(), url.getPort(), url.getPath(), url.getQuery(),
                    url.getFragment()).toString();
        } catch (URISyntaxException e) {
            return url.getScheme() + "://***@" + url.getHost();
        }
    }
}
