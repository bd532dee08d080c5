package com.outboundsms.worker.web;

import java.time.Instant;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import com.outboundsms.worker.processing.ErrorCode;
import com.outboundsms.worker.processing.NumberPair;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the door's ledger must do on every database the store runs on, migrated by the
 * real Flyway scripts: a request id pending for one pair is refused for another.
 */
abstract class RequestLedgerContract {

	private static final NumberPair PAIR = new NumberPair("+15005550006", "+14155552671");

	private static final NumberPair OTHER_PAIR = new NumberPair("+15005550006", "+14155552672");

	private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

	private JdbcClient jdbc;

	private RequestLedger ledger;

	protected abstract DataSource freshDatabase();

	@BeforeEach
	void migrate() {
		DataSource database = freshDatabase();
		Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
		this.jdbc = JdbcClient.create(database);
		this.ledger = new RequestLedger(this.jdbc);
	}

	@Test
	void acceptsARequestIdAgainForItsOwnPair() {
		assertThat(this.ledger.accepted("r1", PAIR, NOW)).isTrue();

		assertThat(this.ledger.accepted("r1", PAIR, NOW.plusSeconds(5))).isTrue();
		assertThat(this.ledger.find("r1"))
			.hasValueSatisfying((entry) -> assertThat(entry.acceptedAt()).isEqualTo(NOW.plusSeconds(5)));
	}

	@Test
	void refusesARequestIdPendingForAnotherPairAndNotesNothing() {
		this.ledger.accepted("r1", PAIR, NOW);

		assertThat(this.ledger.accepted("r1", OTHER_PAIR, NOW.plusSeconds(5))).isFalse();
		assertThat(this.ledger.find("r1")).hasValueSatisfying((entry) -> assertThat(entry.acceptedAt()).isEqualTo(NOW));
		assertThat(pairOf("r1")).isEqualTo(PAIR);
	}

	@Test
	void acceptsARequestIdThatFailedForAnotherPairAfresh() {
		this.ledger.accepted("r1", PAIR, NOW);
		this.ledger.failed("r1", ErrorCode.FLEX_FLOW_NOT_FOUND, "no flow", NOW.plusSeconds(1));

		assertThat(this.ledger.accepted("r1", OTHER_PAIR, NOW.plusSeconds(5))).isTrue();
		assertThat(this.ledger.find("r1")).hasValueSatisfying((entry) -> assertThat(entry.failure()).isNull());
		assertThat(pairOf("r1")).isEqualTo(OTHER_PAIR);
	}

	@Test
	void aRowAcceptedBeforePairsWereNotedTakesThePairOfItsNextRequest() {
		this.jdbc.sql("INSERT INTO http_request (request_id, accepted_at) VALUES ('old', :at)")
			.param("at", NOW.atOffset(ZoneOffset.UTC))
			.update();

		assertThat(this.ledger.accepted("old", OTHER_PAIR, NOW.plusSeconds(5))).isTrue();
		assertThat(this.ledger.accepted("old", PAIR, NOW.plusSeconds(6))).isFalse();
		assertThat(pairOf("old")).isEqualTo(OTHER_PAIR);
	}

	private NumberPair pairOf(String requestId) {
		return this.jdbc.sql("SELECT from_number, to_number FROM http_request WHERE request_id = :request")
			.param("request", requestId)
			.query((rs, row) -> new NumberPair(rs.getString("from_number"), rs.getString("to_number")))
			.single();
	}

}
