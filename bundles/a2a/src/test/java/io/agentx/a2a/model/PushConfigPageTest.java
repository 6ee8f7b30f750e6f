package io.agentx.a2a.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushConfigPageTest {
    private static final List<TaskPushNotificationConfig> CONFIGS = List.of(config("c"), config("a"), config("e"),
            config("b"), config("d"));

    private static TaskPushNotificationConfig config(String id) {
        return new TaskPushNotificationConfig(null, id, "task-1", "https://hooks.example/" + id, null, null);
    }

    private static List<String> ids(PushConfigPage page) {
        return page.configs().stream().map(TaskPushNotificationConfig::id).toList();
    }

    @Test
    void pagesFollowOneAnotherInIdOrderUntilTheLastHasNoToken() {
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            PushConfigPage page = PushConfigPage.of(CONFIGS, new PushConfigPage.Request(2, token), "params");
            seen.addAll(ids(page));
            token = page.nextPageToken();
            pages++;
        } while (!token.isEmpty());
        assertEquals(List.of("a", "b", "c", "d", "e"), seen);
        assertEquals(3, pages);
    }

    @Test
    void withoutAPageSizeEveryConfigComesInOnePage() {
        PushConfigPage page = PushConfigPage.of(CONFIGS, new PushConfigPage.Request(null, null), "params");
        assertEquals(List.of("a", "b", "c", "d", "e"), ids(page));
        assertEquals("", page.nextPageToken());
        assertEquals(List.of("a", "b", "c", "d", "e"), ids(PushConfigPage.of(CONFIGS, new PushConfigPage.Request(5, ""),
                "params")), "an empty token is the first page");
    }

    @Test
    void aTokenThatIsNotOneOfOursIsRefusedNamingTheField() {
        A2aException error = assertThrows(A2aException.class,
                () -> PushConfigPage.of(CONFIGS, new PushConfigPage.Request(2, "%%not-base64%%"), "params"));
        assertEquals(A2aError.INVALID_PARAMS, error.error());
        assertEquals("params.pageToken", error.getMessage().substring(0, error.getMessage().indexOf(':')));
    }
}
