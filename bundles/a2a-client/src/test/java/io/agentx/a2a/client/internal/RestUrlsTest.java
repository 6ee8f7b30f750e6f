package io.agentx.a2a.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import org.junit.jupiter.api.Test;

class RestUrlsTest {
    @Test
    void routesSitBelowTheInterfaceUrlAndItsTenant() {
        assertEquals(URI.create("http://h/agents/e/rest/message:send"), new RestUrls("http://h/agents/e/rest/", null).route("message:send"));
        assertEquals(URI.create("http://h/rest/acme%20corp/tasks"), new RestUrls("http://h/rest", "acme corp").route("tasks"));
        assertEquals(URI.create("http://h/rest/other/tasks"), new RestUrls("http://h/rest", "acme").forTenant("other").route("tasks"));
    }

    @Test
    void idsAndQueryValuesAreEncoded() {
        ObjectNode query = new ObjectMapper().createObjectNode().put("tenant", "ignored").put("contextId", "a&b=c")
                .put("pageSize", 5).put("includeArtifacts", true);
        assertEquals(URI.create("http://h/rest/tasks/a%2Fb%3Fc:cancel"),
                new RestUrls("http://h/rest", null).route("tasks/" + RestUrls.segment("a/b?c") + ":cancel"));
        assertEquals(URI.create("http://h/rest/tasks?contextId=a%26b%3Dc&pageSize=5&includeArtifacts=true"),
                new RestUrls("http://h/rest", null).route("tasks", query));
    }
}
