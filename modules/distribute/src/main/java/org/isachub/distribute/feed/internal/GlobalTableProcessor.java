package org.isachub.distribute.feed.internal;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a global store equal to a compacted topic: puts each record, deletes on a tombstone.
 *
 * @param <V> the value type
 */
public final class GlobalTableProcessor<V> implements Processor<String, V, Void, Void> {

  private final String storeName;
  private @Nullable KeyValueStore<String, V> store;

  /**
   * Creates the processor.
   *
   * @param storeName the global store it maintains
   */
  public GlobalTableProcessor(String storeName) {
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, V> record) {
    if (store == null || record.key() == null) {
      return;
    }
    if (record.value() == null) {
      store.delete(record.key());
    } else {
      store.put(record.key(), record.value());
    }
  }
}
