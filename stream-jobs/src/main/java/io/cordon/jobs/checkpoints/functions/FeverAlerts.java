package io.cordon.jobs.checkpoints.functions;

import io.cordon.jobs.checkpoints.ArrivalTally;
import io.cordon.schemas.Json;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * One alert (as JSON) per person with an abnormal temperature on counted content (a first copy or a correction; a
 * retraction raises none). An alert already delivered is not delivered again (the dashboard knows its id).
 */
public class FeverAlerts implements FlatMapFunction<ArrivalTally, String> {

    @Override
    public void flatMap(ArrivalTally t, Collector<String> out) {
        if (t.sign < 0) {
            return;
        }
        for (int i = 0; i < t.feverTemperatures.length; i++) {
            out.collect(Json.write(t.alert(i)));
        }
    }
}
