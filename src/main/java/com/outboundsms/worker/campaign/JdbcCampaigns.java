package com.outboundsms.worker.campaign;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

import com.outboundsms.worker.processing.CampaignState;
import com.outboundsms.worker.processing.CampaignSummary;
import com.outboundsms.worker.processing.Campaigns;
import com.outboundsms.worker.processing.Outcome;
import com.outboundsms.worker.processing.WorkerMetrics;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The campaigns in the store. States are read by every instance at most the refresh
 * interval apart (one small query for the campaigns not running), so a pause, resume or
 * cancel made through any instance reaches all of them; counts are read from one row per
 * settled request, so a request is counted once whatever its deliveries.
 */
class JdbcCampaigns implements Campaigns {

	private static final String INSERT_CAMPAIGN = """
			INSERT INTO campaign (campaign_id, state, total, created_at, changed_at)
			VALUES (:campaign, :state, :total, :now, :now)
			""";

	private static final String CHANGE = """
			UPDATE campaign SET state = :state, changed_at = :now
			WHERE campaign_id = :campaign AND (state <> 'CANCELLED' OR :state = 'CANCELLED')
			""";

	private static final String REGISTER = "UPDATE campaign SET total = :total WHERE campaign_id = :campaign";

	private static final String INSERT_REQUEST = """
			INSERT INTO campaign_request (campaign_id, request_id, outcome, settled_at)
			VALUES (:campaign, :request, :outcome, :now)
			""";

	private static final String UPGRADE_REQUEST = """
			UPDATE campaign_request SET outcome = :outcome, settled_at = :now
			WHERE campaign_id = :campaign AND request_id = :request AND outcome = 'FAILED'
			""";

	private static final String FAIR_SHARE = "SELECT fair_share FROM campaign WHERE campaign_id = :campaign";

	private static final String CHOOSE_FAIR_SHARE = """
			UPDATE campaign SET fair_share = :share
			WHERE campaign_id = :campaign AND (fair_share IS NULL OR fair_share >= :shares)
			""";

	private static final String NOT_RUNNING = "SELECT campaign_id, state FROM campaign WHERE state <> 'RUNNING'";

	private static final String CAMPAIGNS = "SELECT campaign_id, state, total, created_at, changed_at FROM campaign";

	private static final String COUNTS = """
			SELECT campaign_id, outcome, COUNT(*) AS settled, MAX(settled_at) AS last_settled_at
			FROM campaign_request GROUP BY campaign_id, outcome
			""";

	private static final int MAX_REMEMBERED_SHARES = 10_000;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Duration refresh;

	private final Set<String> known = ConcurrentHashMap.newKeySet();

	private final Set<String> registered = ConcurrentHashMap.newKeySet();

	private final Map<String, Integer> fairShares = new ConcurrentHashMap<>();

	private volatile States states = new States(Map.of(), Instant.MIN);

	private final WorkerMetrics metrics;

	JdbcCampaigns(JdbcClient jdbc, Clock clock, Duration refresh, WorkerMetrics metrics) {
		this.metrics = metrics;
		this.jdbc = jdbc;
		this.clock = clock;
		this.refresh = refresh;
	}

	@Override
	public CampaignState stateOf(String campaignId) {
		return currentStates().states().getOrDefault(campaignId, CampaignState.RUNNING);
	}

	@Override
	public void settled(String campaignId, String requestId, Outcome outcome) {
		Instant now = this.clock.instant();
		ensureExists(campaignId, now);
		Map<String, Object> params = Map.of("campaign", campaignId, "request", requestId, "outcome", outcome.name(),
				"now", time(now));
		try {
			this.jdbc.sql(INSERT_REQUEST).params(params).update();
		}
		catch (DuplicateKeyException ex) {
			// counted already: only a failure gives way, to the success of a later copy
			if (outcome != Outcome.FAILED) {
				this.jdbc.sql(UPGRADE_REQUEST).params(params).update();
			}
		}
	}

	@Override
	public void register(String campaignId, long total) {
		// every request of a loaded campaign gives its total: written once per instance
		String registration = campaignId + "\n" + total;
		if (!this.registered.contains(registration)) {
			ensureExists(campaignId, this.clock.instant());
			this.jdbc.sql(REGISTER).param("campaign", campaignId).param("total", total).update();
			this.registered.add(registration);
		}
	}

	@Override
	public List<CampaignSummary> list() {
		Map<String, CampaignRow> rows = new LinkedHashMap<>();
		this.jdbc.sql(CAMPAIGNS).query(this::campaignRow).list().forEach((row) -> rows.put(row.campaignId(), row));
		Map<String, Counts> counts = new HashMap<>();
		this.jdbc.sql(COUNTS)
			.query((ResultSet rs) -> counts.computeIfAbsent(rs.getString("campaign_id"), (id) -> new Counts())
				.add(Outcome.valueOf(rs.getString("outcome")), rs.getLong("settled"), instant(rs, "last_settled_at")));
		List<CampaignSummary> summaries = new ArrayList<>();
		rows.values().forEach((row) -> summaries.add(row.summary(counts.getOrDefault(row.campaignId(), new Counts()))));
		summaries.sort(Comparator.comparing(CampaignSummary::lastActivityAt).reversed());
		return summaries;
	}

	@Override
	public Optional<CampaignSummary> find(String campaignId) {
		Optional<CampaignRow> row = this.jdbc.sql(CAMPAIGNS + " WHERE campaign_id = :campaign")
			.param("campaign", campaignId)
			.query(this::campaignRow)
			.optional();
		if (row.isEmpty()) {
			return Optional.empty();
		}
		Counts counts = new Counts();
		this.jdbc.sql("""
				SELECT outcome, COUNT(*) AS settled, MAX(settled_at) AS last_settled_at
				FROM campaign_request WHERE campaign_id = :campaign GROUP BY outcome
				""")
			.param("campaign", campaignId)
			.query((ResultSet rs) -> counts.add(Outcome.valueOf(rs.getString("outcome")), rs.getLong("settled"),
					instant(rs, "last_settled_at")));
		return Optional.of(row.get().summary(counts));
	}

	@Override
	public CampaignSummary change(String campaignId, CampaignState state) {
		Instant now = this.clock.instant();
		ensureExists(campaignId, now);
		int changed = this.jdbc.sql(CHANGE)
			.param("campaign", campaignId)
			.param("state", state.name())
			.param("now", time(now))
			.update();
		if (changed == 0) {
			throw new IllegalStateException("campaign " + campaignId + " is cancelled, which is final");
		}
		// this instance sees its own change at once; the others at their next refresh
		this.states = readStates(now);
		return find(campaignId).orElseThrow();
	}

	@Override
	public int fairShare(String campaignId, int shares, IntSupplier choice) {
		Integer known = this.fairShares.get(campaignId);
		if (known != null && known < shares) {
			return known;
		}
		ensureExists(campaignId, this.clock.instant());
		Integer stored = storedFairShare(campaignId);
		if (stored == null || stored >= shares) {
			// the first instance to choose wins; the others read its choice back
			this.jdbc.sql(CHOOSE_FAIR_SHARE)
				.param("campaign", campaignId)
				.param("share", choice.getAsInt())
				.param("shares", shares)
				.update();
			stored = storedFairShare(campaignId);
		}
		if (stored == null) {
			throw new IllegalStateException("campaign " + campaignId + " has no fair share after choosing one");
		}
		if (this.fairShares.size() >= MAX_REMEMBERED_SHARES) {
			// an instance that saw very many campaigns asks the store again
			this.fairShares.clear();
		}
		this.fairShares.put(campaignId, stored);
		return stored;
	}

	private @Nullable Integer storedFairShare(String campaignId) {
		List<@Nullable Integer> rows = this.jdbc.sql(FAIR_SHARE)
			.param("campaign", campaignId)
			.query((rs, row) -> rs.getObject("fair_share", Integer.class))
			.list();
		return rows.isEmpty() ? null : rows.get(0);
	}

	private States currentStates() {
		States current = this.states;
		Instant now = this.clock.instant();
		if (current.readAt().plus(this.refresh).isAfter(now)) {
			return current;
		}
		synchronized (this) {
			if (this.states.readAt().plus(this.refresh).isAfter(now)) {
				return this.states;
			}
			this.states = readStates(now);
			return this.states;
		}
	}

	private States readStates(Instant now) {
		Map<String, CampaignState> states = new HashMap<>();
		this.jdbc.sql(NOT_RUNNING).query((ResultSet rs) -> {
			states.put(rs.getString("campaign_id"), CampaignState.valueOf(rs.getString("state")));
		});
		this.metrics
			.campaignsPaused((int) states.values().stream().filter((state) -> state == CampaignState.PAUSED).count());
		return new States(Map.copyOf(states), now);
	}

	private void ensureExists(String campaignId, Instant now) {
		if (this.known.contains(campaignId)) {
			return;
		}
		boolean exists = this.jdbc.sql("SELECT COUNT(*) FROM campaign WHERE campaign_id = :campaign")
			.param("campaign", campaignId)
			.query(Long.class)
			.single() > 0;
		if (!exists) {
			try {
				Map<String, @Nullable Object> params = new HashMap<>();
				params.put("campaign", campaignId);
				params.put("state", CampaignState.RUNNING.name());
				params.put("total", null);
				params.put("now", time(now));
				this.jdbc.sql(INSERT_CAMPAIGN).params(params).update();
			}
			catch (DuplicateKeyException ex) {
				// first seen by another instance at the same moment
			}
		}
		this.known.add(campaignId);
	}

	private CampaignRow campaignRow(ResultSet rs, int rowNum) throws SQLException {
		Long total = rs.getObject("total", Long.class);
		return new CampaignRow(rs.getString("campaign_id"), CampaignState.valueOf(rs.getString("state")), total,
				instant(rs, "created_at"), instant(rs, "changed_at"));
	}

	private static OffsetDateTime time(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	/** The states of the campaigns not running, as read at a time. */
	private record States(Map<String, CampaignState> states, Instant readAt) {
	}

	/** A campaign's row. */
	private record CampaignRow(String campaignId, CampaignState state, @Nullable Long total, Instant createdAt,
			Instant changedAt) {

		CampaignSummary summary(Counts counts) {
			Instant last = (counts.lastSettledAt != null && counts.lastSettledAt.isAfter(this.changedAt))
					? counts.lastSettledAt : this.changedAt;
			return new CampaignSummary(this.campaignId, this.state, counts.byOutcome, this.total, this.createdAt, last);
		}

	}

	/** A campaign's settled requests by outcome. */
	private static final class Counts {

		private final Map<Outcome, Long> byOutcome = new EnumMap<>(Outcome.class);

		private @Nullable Instant lastSettledAt;

		Counts() {
			for (Outcome outcome : Outcome.values()) {
				this.byOutcome.put(outcome, 0L);
			}
		}

		void add(Outcome outcome, long settled, Instant at) {
			this.byOutcome.put(outcome, settled);
			if (this.lastSettledAt == null || at.isAfter(this.lastSettledAt)) {
				this.lastSettledAt = at;
			}
		}

	}

}
