package io.agentx.grpc.internal.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PluginTokensTest {
    private final PluginTokens tokens = new PluginTokens();

    @Test
    void anIssuedTokenNamesItsPluginUntilRevokedOrReplaced() {
        String first = tokens.issue("weather");
        assertEquals(Optional.of("weather"), tokens.owner(first));
        String second = tokens.issue("weather");
        assertNotEquals(first, second);
        assertEquals(Optional.empty(), tokens.owner(first), "a restarted plugin's old token is void");
        tokens.revoke("weather");
        assertEquals(Optional.empty(), tokens.owner(second));
    }

    @Test
    void aConfiguredTokenLetsThePluginNameItself() {
        tokens.configure(new String[] {" shared-secret ", ""});
        assertEquals(Optional.of(""), tokens.owner("shared-secret"));
        assertEquals(Optional.empty(), tokens.owner(""));
        assertEquals(Optional.empty(), tokens.owner("shared-secre"));
    }
}
