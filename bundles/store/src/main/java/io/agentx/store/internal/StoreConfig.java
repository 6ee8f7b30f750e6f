package io.agentx.store.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the durable task store (PID {@code io.agentx.store}). */
@ObjectClassDefinition(name = "AgentX task store",
        description = "Keeps tasks, their events and push deliveries in a database: an embedded H2 file under the data "
                + "folder by default, PostgreSQL when the URL names one. Changes reopen the database; requests "
                + "arriving meanwhile wait.")
@interface StoreConfig {

    @AttributeDefinition(name = "JDBC URL",
            description = "jdbc:h2:file:<path> or jdbc:postgresql://host:port/database. Empty: the embedded H2 file "
                    + "<data>/store/agentx.")
    String url() default "";

    @AttributeDefinition(name = "User", description = "Database user (PostgreSQL).")
    String user() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, description = "Database password.")
    String password() default "";

    @AttributeDefinition(name = "Pooled connections", description = "Connections kept open for reads and writes.",
            min = "2", max = "200")
    int poolSize() default 8;

    @AttributeDefinition(name = "Connect timeout (ms)",
            description = "How long a request waits for a database connection before it fails with STORE_UNAVAILABLE.",
            min = "250", max = "60000")
    long connectTimeoutMillis() default 3_000;

    @AttributeDefinition(name = "Write timeout (ms)",
            description = "How long a request waits for its write to become durable before it fails with STORE_UNAVAILABLE.",
            min = "100", max = "600000")
    long writeTimeoutMillis() default 10_000;

    @AttributeDefinition(name = "Writes per commit",
            description = "Most writes gathered into one transaction (group commit): writers waiting at the same "
                    + "time share one durable commit.", min = "1", max = "10000")
    int maxBatch() default 256;

    @AttributeDefinition(name = "Largest task (bytes)",
            description = "Most JSON one write may carry: a task with the events stored with it. A larger one is "
                    + "refused with a clear error: the database builds each commit in memory, and tasks of tens of "
                    + "megabytes ran H2 out of heap (after which it closes). Raise it together with the heap.",
            min = "65536", max = "1073741824")
    int maxTaskBytes() default 16 * 1024 * 1024;

    @AttributeDefinition(name = "Keep finished tasks (hours)",
            description = "Completed, failed, canceled and rejected tasks older than this are deleted in the background. "
                    + "0 keeps them forever.", min = "0")
    long retentionHours() default 24 * 7;

    @AttributeDefinition(name = "Retention sweep interval (s)", min = "1", max = "86400")
    long purgeIntervalSeconds() default 600;
}
