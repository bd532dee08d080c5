package com.outboundsms.worker.idempotency;

import com.outboundsms.worker.processing.Dependency;
import com.outboundsms.worker.processing.DependencyProbe;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Looks whether the store answers again: one trivial query.
 */
class StoreProbe implements DependencyProbe {

	private final JdbcClient jdbc;

	StoreProbe(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Dependency dependency() {
		return Dependency.STORE;
	}

	@Override
	public void check() {
		this.jdbc.sql("SELECT 1").query(Integer.class).single();
	}

}
