package io.agentx.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import io.agentx.api.TaskStore;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The durable store as a real bundle on the H2 driver bundle's DataSourceFactory: it outranks the in-memory
 * store, and updating or reconfiguring it while requests flow fails none of them and loses no task.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StoreInFrameworkTest {
    private static final String SEND = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendMessage\",\"params\":"
            + "{\"message\":{\"messageId\":\"m-%s\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"%s\"}]}}}";
    private static final java.util.Map<String, String> VERSION = java.util.Map.of("A2A-Version", "1.0");
    private static final Pattern TASK_ID = Pattern.compile("\"task\":\\{\"id\":\"([^\"]+)\"");

    @Inject
    private BundleContext context;
    @Inject
    private ConfigurationAdmin configurationAdmin;
    private Http http;

    @Configuration
    public Option[] config() {
        return options(AgentxOptions.agentx());
    }

    @Before
    public void awaitReady() throws Exception {
        http = new Http(context);
        http.await("/health/ready", 200, "READY");
    }

    @Test
    public void theDurableStoreKeepsTheTasksAgentsComplete() throws Exception {
        ServiceReference<TaskStore> best = durableStore();
        assertEquals("the highest-ranked store is the durable one", best, context.getServiceReference(TaskStore.class));
        String taskId = send("kept");
        TaskStore store = context.getService(best);
        try {
            assertEquals("TASK_STATE_COMPLETED", store.find(null, taskId).orElseThrow().status().state().wireName());
            assertEquals("a task no one followed (a blocking send) is stored without an event log", 0,
                    store.lastSequence(null, taskId));
        } finally {
            context.ungetService(best);
        }
    }

    @Test
    public void updatingTheStoreBundleUnderLoadFailsNoRequestAndLosesNoTask() throws Exception {
        Bundle storeBundle = Bundles.named(context, "io.agentx.store");
        LoadResult load = underLoad(() -> {
            storeBundle.update();
            Thread.sleep(300);
            storeBundle.update();
        });
        assertEquals("failed requests: " + load.failures, List.of(), load.failures);
        assertTrue("requests were served during the swap: " + load.taskIds.size(), load.taskIds.size() > 20);
        assertAllStored(load.taskIds);
    }

    @Test
    public void aRequestArrivingBeforeTheDurableStoreStartsWaitsForItInsteadOfBeingStoredInMemory() throws Exception {
        Bundle storeBundle = Bundles.named(context, "io.agentx.store");
        Bundle coreBundle = Bundles.named(context, "io.agentx.core");
        ExecutorService client = Executors.newSingleThreadExecutor();
        try {
            // the task manager starts while the store bundle, still set to run, has not started yet
            storeBundle.stop(Bundle.STOP_TRANSIENT);
            coreBundle.stop();
            coreBundle.start();
            http.await("/agents/echo/.well-known/agent-card.json", 200, "echo");
            Future<String> early = client.submit(() -> send("before the store"));
            Thread.sleep(1500);
            assertTrue("the request waits for the durable store rather than being acknowledged from memory",
                    !early.isDone());
            storeBundle.start(Bundle.START_TRANSIENT);
            String taskId = early.get(30, TimeUnit.SECONDS);
            assertAllStored(List.of(taskId));
        } finally {
            client.shutdownNow();
            if (storeBundle.getState() != Bundle.ACTIVE) {
                storeBundle.start(Bundle.START_TRANSIENT);
            }
        }
    }

    @Test
    public void reconfiguringTheStoreUnderLoadFailsNoRequest() throws Exception {
        org.osgi.service.cm.Configuration configuration = configurationAdmin.getConfiguration("io.agentx.store", "?");
        LoadResult load = underLoad(() -> {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("poolSize", 4);
            properties.put("maxBatch", 64);
            configuration.update(properties);
            Thread.sleep(1000);
        });
        try {
            assertEquals("failed requests: " + load.failures, List.of(), load.failures);
            assertAllStored(load.taskIds);
        } finally {
            configuration.delete();
        }
    }

    /** The durable store's service, once registered (another test may just have reconfigured it). */
    private ServiceReference<TaskStore> durableStore() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (ServiceReference<TaskStore> reference : context.getServiceReferences(TaskStore.class, null)) {
                if (Boolean.TRUE.equals(reference.getProperty(TaskStore.DURABLE))) {
                    return reference;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no durable task store is registered");
    }

    private void assertAllStored(List<String> taskIds) throws Exception {
        for (String taskId : taskIds) {
            HttpResponse<String> task = http.sendWithHeaders("POST", "/agents/echo", "application/json",
                    ("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"GetTask\",\"params\":{\"id\":\"" + taskId + "\"}}")
                            .getBytes(StandardCharsets.UTF_8), VERSION);
            assertTrue(task.body(), task.body().contains("TASK_STATE_COMPLETED"));
        }
    }

    /** What happened to requests sent by four clients while an action ran. */
    private static final class LoadResult {
        final List<String> taskIds = Collections.synchronizedList(new ArrayList<>());
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    }

    interface Action {
        void run() throws Exception;
    }

    private LoadResult underLoad(Action action) throws Exception {
        LoadResult result = new LoadResult();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            futures.add(clients.submit(() -> {
                int i = 0;
                while (running.get()) {
                    try {
                        result.taskIds.add(send("load " + i++));
                    } catch (Exception | AssertionError e) {
                        result.failures.add(e.getMessage());
                    }
                }
                return null;
            }));
        }
        try {
            Thread.sleep(300);
            action.run();
            Thread.sleep(500);
        } finally {
            running.set(false);
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
            clients.shutdown();
        }
        return result;
    }

    private String send(String text) throws Exception {
        HttpResponse<String> answer = http.sendWithHeaders("POST", "/agents/echo", "application/json",
                String.format(SEND, java.util.UUID.randomUUID(), text).getBytes(StandardCharsets.UTF_8), VERSION);
        Matcher id = TASK_ID.matcher(answer.body());
        if (answer.statusCode() != 200 || !answer.body().contains("TASK_STATE_COMPLETED") || !id.find()) {
            throw new AssertionError(answer.statusCode() + " " + answer.body());
        }
        return id.group(1);
    }

}
