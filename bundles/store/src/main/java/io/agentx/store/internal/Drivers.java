package io.agentx.store.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.jdbc.DataSourceFactory;

/** The JDBC drivers installed now: every {@link DataSourceFactory} service with its driver class. */
final class Drivers {
    private record Driver(Object driverClass, DataSourceFactory factory) {
    }

    private final List<Driver> drivers = new CopyOnWriteArrayList<>();

    void add(DataSourceFactory factory, Map<String, ?> properties) {
        drivers.add(new Driver(properties.get(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS), factory));
    }

    void remove(DataSourceFactory factory) {
        drivers.removeIf(driver -> driver.factory() == factory);
    }

    /** The factory of a driver class; {@code null} when no installed bundle provides it. */
    DataSourceFactory find(String driverClass) {
        for (Driver driver : drivers) {
            if (driverClass.equals(driver.driverClass())) {
                return driver.factory();
            }
        }
        return null;
    }
}
