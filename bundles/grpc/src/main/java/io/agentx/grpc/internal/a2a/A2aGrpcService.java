package io.agentx.grpc.internal.a2a;

import com.google.protobuf.Empty;
import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.PushConfigPage;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.api.A2aService;
import io.agentx.api.RequestContext;
import io.agentx.grpc.a2a.v1.A2AServiceGrpc;
import io.agentx.grpc.a2a.v1.AgentCard;
import io.agentx.grpc.a2a.v1.CancelTaskRequest;
import io.agentx.grpc.a2a.v1.DeleteTaskPushNotificationConfigRequest;
import io.agentx.grpc.a2a.v1.GetExtendedAgentCardRequest;
import io.agentx.grpc.a2a.v1.GetTaskPushNotificationConfigRequest;
import io.agentx.grpc.a2a.v1.GetTaskRequest;
import io.agentx.grpc.a2a.v1.ListTaskPushNotificationConfigsRequest;
import io.agentx.grpc.a2a.v1.ListTaskPushNotificationConfigsResponse;
import io.agentx.grpc.a2a.v1.ListTasksRequest;
import io.agentx.grpc.a2a.v1.ListTasksResponse;
import io.agentx.grpc.a2a.v1.SendMessageRequest;
import io.agentx.grpc.a2a.v1.SendMessageResponse;
import io.agentx.grpc.a2a.v1.StreamResponse;
import io.agentx.grpc.a2a.v1.SubscribeToTaskRequest;
import io.agentx.grpc.a2a.v1.Task;
import io.agentx.grpc.a2a.v1.TaskPushNotificationConfig;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The A2A gRPC binding over {@link A2aService}, with the JSON-RPC binding's semantics: the same validation and
 * errors (as gRPC statuses with {@code ErrorInfo}). AgentX hosts many agents behind one gRPC address: a request's
 * {@code tenant} names the agent (each agent card's gRPC interface gives it), and an empty one goes to the gateway,
 * whose routing rules choose.
 */
public final class A2aGrpcService extends A2AServiceGrpc.A2AServiceImplBase {
    private final A2aService service;
    private final ProtoJson proto;
    private final ProtoReader read;
    private final int maxParts;
    private final Executor streamExecutor;

    /** @param streamExecutor where streams are copied to their calls when their tasks have news */
    public A2aGrpcService(A2aService service, ProtoJson proto, int maxParts, Executor streamExecutor) {
        this.service = service;
        this.proto = proto;
        this.read = new ProtoReader(proto);
        this.maxParts = maxParts;
        this.streamExecutor = streamExecutor;
    }

    /** Answered when the task settles, from the thread that settles it: no worker waits for the task. */
    @Override
    public void sendMessage(SendMessageRequest request, StreamObserver<SendMessageResponse> response) {
        CompletionStage<StreamEvent> answer;
        try {
            answer = service.sendAsync(context(), agent(request.getTenant()), send(request));
        } catch (RuntimeException failure) {
            response.onError(GrpcErrors.of(failure));
            return;
        }
        answer.whenComplete((event, failure) -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            try {
                unary(response, () -> {
                    if (cause != null) {
                        throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
                    }
                    return sendResponse(event);
                });
            } catch (RuntimeException callGone) {
                // the client canceled or the call ended meanwhile: no one to answer
            }
        });
    }

    private static SendMessageResponse sendResponse(StreamEvent answer) {
        SendMessageResponse.Builder reply = SendMessageResponse.newBuilder();
        if (answer instanceof io.agentx.a2a.model.Task task) {
            reply.setTask(ProtoModel.task(task));
        } else if (answer instanceof io.agentx.a2a.model.Message message) {
            reply.setMessage(ProtoModel.message(message));
        } else {
            throw new A2aException(A2aError.INTERNAL_ERROR, "the agent answered with neither a task nor a message");
        }
        return reply.build();
    }

    @Override
    public void sendStreamingMessage(SendMessageRequest request, StreamObserver<StreamResponse> response) {
        StreamPump.start(response, streamExecutor, () -> {
            String agentId = agent(request.getTenant());
            requireStreaming(agentId);
            return service.stream(context(), agentId, send(request));
        });
    }

    @Override
    public void getTask(GetTaskRequest request, StreamObserver<Task> response) {
        unary(response, () -> ProtoModel.task(service.get(context(), agent(request.getTenant()),
                required(request.getId(), "id"), request.hasHistoryLength() ? historyLength(request.getHistoryLength()) : null)));
    }

    @Override
    public void listTasks(ListTasksRequest request, StreamObserver<ListTasksResponse> response) {
        unary(response, () -> {
            io.agentx.a2a.model.ListTasksResponse tasks = service.list(context(),
                    agent(request.getTenant()), proto.json().readListTasksRequest(proto.tree(request), "request"));
            return proto.merge(proto.json().listTasksResponse(tasks), ListTasksResponse.newBuilder()).build();
        });
    }

    @Override
    public void cancelTask(CancelTaskRequest request, StreamObserver<Task> response) {
        unary(response, () -> ProtoModel.task(service.cancel(context(), agent(request.getTenant()),
                required(request.getId(), "id"))));
    }

    @Override
    public void subscribeToTask(SubscribeToTaskRequest request, StreamObserver<StreamResponse> response) {
        StreamPump.start(response, streamExecutor, () -> {
            String agentId = agent(request.getTenant());
            requireStreaming(agentId);
            return service.subscribe(context(), agentId, required(request.getId(), "id"));
        });
    }

    @Override
    public void createTaskPushNotificationConfig(TaskPushNotificationConfig request,
            StreamObserver<TaskPushNotificationConfig> response) {
        unary(response, () -> pushConfig(service.createPushConfig(context(), agent(request.getTenant()),
                proto.json().readTaskPushConfig(proto.tree(request.toBuilder().clearTenant()), "request"))));
    }

    @Override
    public void getTaskPushNotificationConfig(GetTaskPushNotificationConfigRequest request,
            StreamObserver<TaskPushNotificationConfig> response) {
        unary(response, () -> pushConfig(service.getPushConfig(context(), agent(request.getTenant()),
                required(request.getTaskId(), "task_id"), required(request.getId(), "id"))));
    }

    @Override
    public void listTaskPushNotificationConfigs(ListTaskPushNotificationConfigsRequest request,
            StreamObserver<ListTaskPushNotificationConfigsResponse> response) {
        unary(response, () -> {
            PushConfigPage page = PushConfigPage.of(service.listPushConfigs(context(), agent(request.getTenant()),
                    required(request.getTaskId(), "task_id")),
                    proto.json().readPushConfigPageRequest(proto.tree(request), "request"), "request");
            ListTaskPushNotificationConfigsResponse.Builder configs = ListTaskPushNotificationConfigsResponse.newBuilder()
                    .setNextPageToken(page.nextPageToken());
            page.configs().forEach(config -> configs.addConfigs(pushConfig(config)));
            return configs.build();
        });
    }

    @Override
    public void deleteTaskPushNotificationConfig(DeleteTaskPushNotificationConfigRequest request,
            StreamObserver<Empty> response) {
        unary(response, () -> {
            service.deletePushConfig(context(), agent(request.getTenant()),
                    required(request.getTaskId(), "task_id"), required(request.getId(), "id"));
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void getExtendedAgentCard(GetExtendedAgentCardRequest request, StreamObserver<AgentCard> response) {
        unary(response, () -> {
            String agentId = agent(request.getTenant());
            throw new A2aException(A2aError.UNSUPPORTED_OPERATION, (agentId == null ? "the gateway" : "agent '" + agentId
                    + "'") + " has no extended agent card (capabilities.extendedAgentCard is false)");
        });
    }

    private io.agentx.a2a.model.SendMessageRequest send(SendMessageRequest request) {
        io.agentx.a2a.model.SendMessageRequest send = read.sendMessageRequest(request, "request");
        if (send.message().parts().size() > maxParts) {
            throw A2aException.invalid("request.message.parts", "has " + send.message().parts().size()
                    + " parts; at most " + maxParts + " are accepted (maxParts of PID io.agentx.grpc)");
        }
        return send;
    }

    private void requireStreaming(String agentId) {
        if (agentId != null && !service.card(agentId).map(card -> card.capabilities().streaming()).orElse(false)) {
            throw new A2aException(A2aError.UNSUPPORTED_OPERATION, "agent '" + agentId
                    + "' does not stream (capabilities.streaming is false); use SendMessage");
        }
    }

    private TaskPushNotificationConfig pushConfig(io.agentx.a2a.model.TaskPushNotificationConfig config) {
        return proto.merge(proto.json().taskPushConfig(config), TaskPushNotificationConfig.newBuilder()).build();
    }

    private static RequestContext context() {
        return CallMetadata.requestContext();
    }

    /** The agent a request is for: its {@code tenant} (as the agent's card says), the gateway when empty. */
    private static String agent(String tenant) {
        return tenant.isEmpty() ? null : tenant;
    }

    private static String required(String value, String field) {
        if (value.isEmpty()) {
            throw A2aException.invalid("request." + field, "is required");
        }
        return value;
    }

    private static Integer historyLength(int length) {
        if (length < 0) {
            throw A2aException.invalid("request.history_length", "must not be negative");
        }
        return length;
    }

    private static <T> void unary(StreamObserver<T> response, Supplier<T> call) {
        T answer;
        try {
            answer = call.get();
        } catch (RuntimeException failure) {
            response.onError(GrpcErrors.of(failure));
            return;
        }
        response.onNext(answer);
        response.onCompleted();
    }
}
