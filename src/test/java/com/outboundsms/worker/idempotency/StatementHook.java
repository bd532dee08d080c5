package com.outboundsms.worker.idempotency;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source that runs an action once, just before a statement matching a pattern is
 * prepared: the action happens between that statement and the ones before it, which
 * forces the interleaving a race test is about.
 */
public final class StatementHook extends DelegatingDataSource {

	private final AtomicReference<Hook> pending = new AtomicReference<>();

	public StatementHook(DataSource target) {
		super(target);
	}

	/**
	 * Runs the action once, before the next statement whose SQL matches is prepared.
	 * @param sql which statement
	 * @param action what happens first
	 */
	public void before(Predicate<String> sql, Runnable action) {
		this.pending.set(new Hook(sql, action));
	}

	/**
	 * Whether the hook has run.
	 * @return {@code true} once it ran
	 */
	public boolean ran() {
		return this.pending.get() == null;
	}

	@Override
	public Connection getConnection() throws java.sql.SQLException {
		return hooked(super.getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws java.sql.SQLException {
		return hooked(super.getConnection(username, password));
	}

	private Connection hooked(Connection connection) {
		InvocationHandler handler = (proxy, method, args) -> {
			if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql) {
				Hook hook = this.pending.get();
				if (hook != null && hook.sql().test(sql) && this.pending.compareAndSet(hook, null)) {
					hook.action().run();
				}
			}
			return invoke(connection, method, args);
		};
		return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
				new Class<?>[] { Connection.class }, handler);
	}

	private static Object invoke(Connection connection, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(connection, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	private record Hook(Predicate<String> sql, Runnable action) {
	}

}
