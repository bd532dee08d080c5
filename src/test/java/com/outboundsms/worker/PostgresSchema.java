package com.outboundsms.worker;

import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL schema of a test's own on the shared server, dropped after each test, so
 * that runs sharing the server never see each other's rows. Register it as an instance
 * field with {@code @RegisterExtension}; the test's own {@code @AfterEach} methods run
 * before it drops the schema.
 */
public final class PostgresSchema implements AfterEachCallback {

	private final TestServices services = TestServices.get();

	private final String name;

	/**
	 * A schema named after the test's subject.
	 * @param prefix the start of its name, such as {@code campaigns}
	 */
	public PostgresSchema(String prefix) {
		this.name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	/**
	 * Creates the schema.
	 * @return a data source whose sessions work in it
	 */
	public DataSource create() {
		return this.services.createSchema(this.name);
	}

	/**
	 * The schema's name.
	 * @return its name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * A JDBC URL whose sessions work in the schema.
	 * @return the URL
	 */
	public String url() {
		return this.services.postgresUrl(this.name);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.services.dropSchema(this.name);
	}

}
