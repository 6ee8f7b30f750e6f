package io.agentx.router.internal;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A concurrent map that stays below a bound by evicting arbitrary entries when it grows past it: for bindings
 * that are only useful while fresh (task owners), where losing an old one costs a little and locking costs more.
 */
public final class BoundedMap<K, V> {
    private final ConcurrentHashMap<K, V> entries = new ConcurrentHashMap<>();
    private final int bound;

    public BoundedMap(int bound) {
        this.bound = bound;
    }

    public V get(K key) {
        return entries.get(key);
    }

    public void put(K key, V value) {
        if (entries.put(key, value) == null && entries.size() > bound) {
            trim();
        }
    }

    public void remove(K key) {
        entries.remove(key);
    }

    public void remove(K key, V value) {
        entries.remove(key, value);
    }

    int bound() {
        return bound;
    }

    int size() {
        return entries.size();
    }

    private void trim() {
        int excess = entries.size() - bound + bound / 100;
        Iterator<K> keys = entries.keySet().iterator();
        while (excess-- > 0 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
