package dev.wharf.connect.testing;

import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Fails with a {@link RetriableException} on every record whose value is the string {@code flaky},
 * however often it is retried; passes every other record through.
 */
public class RetriableFailureTransform<R extends ConnectRecord<R>> implements Transformation<R> {
  @Override
  public R apply(R record) {
    if ("flaky".equals(record.value())) {
      throw new RetriableException("flaky record, try again");
    }
    return record;
  }

  @Override
  public ConfigDef config() {
    return new ConfigDef();
  }

  @Override
  public void configure(Map<String, ?> configs) {}

  @Override
  public void close() {}
}
