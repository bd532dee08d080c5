package com.outboundsms.worker.web;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import com.outboundsms.worker.IsolatedRun;
import com.outboundsms.worker.processing.Campaigns;
import com.outboundsms.worker.processing.Outcome;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The campaign controls over HTTP, held to the OpenAPI document: counts and states as the
 * store keeps them, changes kept there, the door's credentials required.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = IsolatedRun.class)
@TestPropertySource(properties = "outbound-sms.http.api-tokens=" + CampaignApiIntegrationTests.API_TOKEN)
class CampaignApiIntegrationTests {

	static final String API_TOKEN = "test-campaign-api-token";

	private static final String LIST = "GET /v1/campaigns";

	private static final String GET = "GET /v1/campaigns/{campaignId}";

	private static final String PAUSE = "POST /v1/campaigns/{campaignId}/pause";

	private static final String RESUME = "POST /v1/campaigns/{campaignId}/resume";

	private static final String CANCEL = "POST /v1/campaigns/{campaignId}/cancel";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Map<String, String> BEARER = Map.of("Authorization", "Bearer " + API_TOKEN);

	@LocalServerPort
	int port;

	@Autowired
	Campaigns campaigns;

	@Test
	void readsACampaignsCountsTotalAndState() throws Exception {
		String campaign = campaignId();
		this.campaigns.register(campaign, 3);
		this.campaigns.settled(campaign, "r1", Outcome.CREATED);
		this.campaigns.settled(campaign, "r2", Outcome.FAILED);

		JsonNode one = JSON.readTree(send(GET, "/v1/campaigns/" + campaign, 200).body());
		JsonNode all = JSON.readTree(send(LIST, "/v1/campaigns", 200).body());

		assertThat(one.path("state").asString()).isEqualTo("running");
		assertThat(one.path("total").asLong()).isEqualTo(3);
		assertThat(one.path("settled").asLong()).isEqualTo(2);
		assertThat(one.path("counts").path("CREATED").asLong()).isEqualTo(1);
		assertThat(one.path("counts").path("FAILED").asLong()).isEqualTo(1);
		assertThat(one.path("counts").path("CANCELLED").asLong()).isZero();
		assertThat(all.path("campaigns").valueStream().map((node) -> node.path("campaignId").asString()))
			.contains(campaign);
		this.campaigns.settled(campaign, "r3", Outcome.REUSED);
		assertThat(JSON.readTree(send(GET, "/v1/campaigns/" + campaign, 200).body()).path("state").asString())
			.isEqualTo("done");
	}

	@Test
	void pausesResumesAndCancelsForGoodKeepingTheStateInTheStore() throws Exception {
		String campaign = campaignId();

		JsonNode paused = JSON.readTree(send(PAUSE, "/v1/campaigns/" + campaign + "/pause", 200).body());
		String pausedInStore = this.campaigns.find(campaign).orElseThrow().state().name();
		JsonNode resumed = JSON.readTree(send(RESUME, "/v1/campaigns/" + campaign + "/resume", 200).body());
		JsonNode cancelled = JSON.readTree(send(CANCEL, "/v1/campaigns/" + campaign + "/cancel", 200).body());
		HttpResponse<String> resumeAfterCancel = send(RESUME, "/v1/campaigns/" + campaign + "/resume", 409);

		assertThat(paused.path("state").asString()).isEqualTo("paused");
		assertThat(pausedInStore).isEqualTo("PAUSED");
		assertThat(resumed.path("state").asString()).isEqualTo("running");
		assertThat(cancelled.path("state").asString()).isEqualTo("cancelled");
		assertThat(JSON.readTree(resumeAfterCancel.body()).path("error").asString()).isEqualTo("CAMPAIGN_CANCELLED");
		assertThat(this.campaigns.find(campaign).orElseThrow().state().name()).isEqualTo("CANCELLED");
	}

	@Test
	void refusesCallsWithoutCredentialsAndChangesNothing() throws Exception {
		String campaign = campaignId();
		this.campaigns.settled(campaign, "r1", Outcome.CREATED);

		HttpResponse<String> list = new ApiCalls(this.port).send(LIST, "/v1/campaigns", null, Map.of());
		HttpResponse<String> cancel = new ApiCalls(this.port).send(CANCEL, "/v1/campaigns/" + campaign + "/cancel",
				null, Map.of("Authorization", "Bearer wrong"));

		assertThat(list.statusCode()).isEqualTo(401);
		assertThat(cancel.statusCode()).isEqualTo(401);
		assertThat(this.campaigns.find(campaign).orElseThrow().state().name()).isEqualTo("RUNNING");
	}

	@Test
	void answersAnUnknownCampaign404AndAMalformedId400() throws Exception {
		HttpResponse<String> unknown = send(GET, "/v1/campaigns/" + campaignId(), 404);
		HttpResponse<String> malformed = send(PAUSE, "/v1/campaigns/not%20valid/pause", 400);

		assertThat(JSON.readTree(unknown.body()).path("error").asString()).isEqualTo("NOT_FOUND");
		assertThat(JSON.readTree(malformed.body()).path("error").asString()).isEqualTo("INVALID_CAMPAIGN_ID");
	}

	private HttpResponse<String> send(String operation, String path, int status) throws Exception {
		HttpResponse<String> answer = new ApiCalls(this.port).send(operation, path, null, BEARER);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
		return answer;
	}

	private static String campaignId() {
		return "campaign-" + UUID.randomUUID();
	}

}
