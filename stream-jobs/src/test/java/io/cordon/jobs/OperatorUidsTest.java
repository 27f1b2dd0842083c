package io.cordon.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/**
 * The operators' uids are what a savepoint's state is matched by: an upgrade that renamed one would start that operator
 * empty (or refuse the savepoint). They are pinned here, so that a change of the job's code that moves them fails.
 */
class OperatorUidsTest {

    @Test
    void everyStatefulOperatorKeepsItsUid() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        CordonJobs.define(
                env,
                JobsConfig.fromEnv(Map.of(
                        "CORDON_KAFKA_BOOTSTRAP", "127.0.0.1:9",
                        "CORDON_CLICKHOUSE_URL", "http://127.0.0.1:9")));
        TreeSet<String> uids = new TreeSet<>();
        for (StreamNode node : env.getStreamGraph().getStreamNodes()) {
            if (node.getTransformationUID() != null) {
                uids.add(node.getTransformationUID());
            }
        }
        assertThat(uids)
                .containsExactly(
                        "Sink Committer: sink-arrival-dead-letters",
                        "Sink Committer: sink-fever-alerts",
                        "Sink Committer: sink-follow-up-dead-letters",
                        "Sink Committer: sink-key-person-fever-alerts",
                        "Sink Committer: sink-visit-dead-letters",
                        "checkpoint-rollups",
                        "checkpoint-totals-all",
                        "checkpoint-totals-day",
                        "checkpoint-totals-minute",
                        "clock-time-counted-follow-ups",
                        "clock-time-key-person-rows",
                        "clock-time-visits",
                        "compound-directory",
                        "compound-households",
                        "compound-round-totals",
                        "counted-follow-ups",
                        "fever-alerts",
                        "first-seen-arrivals",
                        "first-seen-visits",
                        "household-registrations",
                        "household-round-state",
                        "key-person-days",
                        "key-person-fever-alerts",
                        "parse-arrivals",
                        "parse-follow-ups",
                        "parse-visits",
                        "received-at-arrivals",
                        "received-at-follow-ups",
                        "received-at-visits",
                        "registry-checkpoint-rows",
                        "registry-household-rows",
                        "registry-key-person-rows",
                        "sink-arrival-counted",
                        "sink-arrival-dead-letters",
                        "sink-arrival-refusals",
                        "sink-checkpoint-day-totals",
                        "sink-checkpoint-minute-totals",
                        "sink-checkpoint-totals",
                        "sink-checkpoints",
                        "sink-compound-households",
                        "sink-compound-round-state",
                        "sink-compounds",
                        "sink-fever-alerts",
                        "sink-follow-up-counted",
                        "sink-follow-up-dead-letters",
                        "sink-follow-up-refusals",
                        "sink-follow-ups",
                        "sink-household-round-state",
                        "sink-household-visits",
                        "sink-households",
                        "sink-key-person-days",
                        "sink-key-person-fever-alerts",
                        "sink-key-persons",
                        "sink-visit-counted",
                        "sink-visit-dead-letters",
                        "sink-visit-refusals",
                        "source-cordon.checkpoint-arrivals",
                        "source-cordon.follow-ups",
                        "source-cordon.household-visits",
                        "source-cordon.registry");
    }
}
