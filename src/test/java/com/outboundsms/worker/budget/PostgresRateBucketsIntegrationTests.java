package com.outboundsms.worker.budget;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.outboundsms.worker.PostgresSchema;
import com.outboundsms.worker.TestServices;
import com.outboundsms.worker.idempotency.StatementHook;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The buckets several instances share, on PostgreSQL migrated by the real Flyway scripts:
 * the contract, and the last token that two racing takes never both get. Each test gets a
 * schema of its own, dropped afterwards.
 */
class PostgresRateBucketsIntegrationTests extends RateBucketsContract {

	private final TestServices services = TestServices.get();

	@RegisterExtension
	final PostgresSchema schema = new PostgresSchema("budget");

	private HikariDataSource pool;

	private StatementHook dataSource;

	@BeforeEach
	void migrate() {
		this.schema.create();
		this.pool = new HikariDataSource();
		// the application name finds this test's sessions among the server's
		this.pool.setJdbcUrl(this.schema.url() + "&ApplicationName=" + this.schema.name());
		this.pool.setUsername(this.services.postgresUser());
		this.pool.setPassword(this.services.postgresPassword());
		this.pool.setMaximumPoolSize(8);
		this.dataSource = new StatementHook(this.pool);
		Flyway.configure().dataSource(this.pool).locations("classpath:db/migration").load().migrate();
	}

	@AfterEach
	void closePool() {
		// before the schema is dropped, which waits for no session of it
		this.pool.close();
	}

	@Override
	protected RateBuckets instance() {
		return new PostgresRateBuckets(JdbcClient.create(this.dataSource));
	}

	@Test
	void aTakeBetweenAnothersStartAndItsStatementLeavesItNoToken() {
		RateBuckets first = instance();
		RateBuckets second = new PostgresRateBuckets(JdbcClient.create(this.pool));
		// a bucket of one token that refills one in a hundred seconds: the last token
		lastToken(second);
		RateBuckets.Take[] secondTake = new RateBuckets.Take[1];
		this.dataSource.before((sql) -> sql.contains("UPDATE rate_bucket"),
				() -> secondTake[0] = second.take("last", 0.01, 0));

		RateBuckets.Take firstTake = first.take("last", 0.01, 0);

		assertThat(this.dataSource.ran()).isTrue();
		assertThat(secondTake[0].taken()).isTrue();
		assertThat(firstTake.taken()).isFalse();
	}

	@Test
	void aTakeWaitingOnAnothersRowLockSeesItsTakeAndLeavesTheLastToken() throws Exception {
		RateBuckets first = instance();
		RateBuckets second = new PostgresRateBuckets(JdbcClient.create(this.pool));
		TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(this.pool));
		lastToken(first);

		CompletableFuture<RateBuckets.Take> firstTake = transactions.execute((status) -> {
			// the second instance takes the last token and holds its row, uncommitted,
			// until the first instance's take is waiting for it
			assertThat(second.take("last", 0.01, 0).taken()).isTrue();
			CompletableFuture<RateBuckets.Take> waiting = CompletableFuture
				.supplyAsync(() -> first.take("last", 0.01, 0));
			await().atMost(Duration.ofSeconds(10)).until(() -> sessionsWaitingOnALock() == 1);
			return waiting;
		});

		assertThat(firstTake.get(10, TimeUnit.SECONDS).taken()).isFalse();
		assertThat(tokens("last")).isLessThan(1);
	}

	@Test
	void theStoreOfSeveralInstancesKeepsTheBucketsInTheDatabase() throws Exception {
		assertThat(new BudgetConfiguration().rateBuckets(this.pool, JdbcClient.create(this.pool)))
			.isInstanceOf(PostgresRateBuckets.class);
	}

	/** Makes the bucket, empties it, and puts one token back, as a refill would. */
	private void lastToken(RateBuckets buckets) {
		buckets.take("last", 0.01, 0);
		JdbcClient.create(this.pool).sql("UPDATE rate_bucket SET tokens = 1 WHERE name = 'last'").update();
	}

	private int sessionsWaitingOnALock() {
		return admin()
			.sql("SELECT count(*) FROM pg_stat_activity WHERE application_name = :name "
					+ "AND wait_event_type = 'Lock'")
			.param("name", this.schema.name())
			.query(Integer.class)
			.single();
	}

	private double tokens(String bucket) {
		return JdbcClient.create(this.pool)
			.sql("SELECT tokens FROM rate_bucket WHERE name = :name")
			.param("name", bucket)
			.query(Double.class)
			.single();
	}

	private JdbcClient admin() {
		DataSource admin = new DriverManagerDataSource(this.services.postgresUrl(), this.services.postgresUser(),
				this.services.postgresPassword());
		return JdbcClient.create(admin);
	}

}
