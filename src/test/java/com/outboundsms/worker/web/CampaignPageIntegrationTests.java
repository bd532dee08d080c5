package com.outboundsms.worker.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.outboundsms.worker.IsolatedRun;
import com.outboundsms.worker.processing.CampaignState;
import com.outboundsms.worker.processing.Campaigns;
import com.outboundsms.worker.processing.Outcome;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The campaign page in a real browser against the worker and its store: it follows a
 * campaign's progress, and its controls really pause, resume and cancel it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = IsolatedRun.class)
// the page is driven over WebDriver, never the DevTools protocol: Selenium's warning that
// it has no DevTools support for this Chromium's version is noise here
@TestPropertySource(properties = { "outbound-sms.http.api-tokens=" + CampaignPageIntegrationTests.API_TOKEN,
		"logging.level.org.openqa.selenium.devtools.CdpVersionFinder=ERROR",
		"logging.level.org.openqa.selenium.chromium.ChromiumDriver=ERROR" })
class CampaignPageIntegrationTests {

	static final String API_TOKEN = "test-campaign-page-token";

	/** Several of the page's 2-second refreshes: room for a slow, shared machine. */
	private static final Duration SHOWN_WITHIN = Duration.ofSeconds(10);

	@LocalServerPort
	int port;

	@Autowired
	Campaigns campaigns;

	private @Nullable WebDriver browser;

	@AfterEach
	void quitTheBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void showsARunningCampaignsProgressAndCountsAndFollowsThem() {
		String campaign = campaignId();
		this.campaigns.register(campaign, 10);
		settle(campaign, 3, Outcome.CREATED);
		settle(campaign, 1, Outcome.REUSED);

		WebDriver page = openWithToken(API_TOKEN);

		await().atMost(SHOWN_WITHIN).untilAsserted(() -> {
			WebElement row = row(page, campaign);
			assertThat(field(row, "state")).isEqualTo("running");
			assertThat(progress(row)).containsExactly("4", "10");
			assertThat(counts(row)).containsExactly("3", "1", "0", "0");
		});
		settle(campaign, 2, Outcome.FAILED);
		await().atMost(SHOWN_WITHIN).untilAsserted(() -> {
			WebElement row = row(page, campaign);
			assertThat(progress(row)).containsExactly("6", "10");
			assertThat(counts(row)).containsExactly("3", "1", "2", "0");
			assertThat(field(row, "settled")).isEqualTo("6 / 10");
		});
	}

	@Test
	void showsAnIndeterminateBarWhenTheTotalIsUnknown() {
		String campaign = campaignId();
		settle(campaign, 2, Outcome.CREATED);

		WebDriver page = openWithToken(API_TOKEN);

		await().atMost(SHOWN_WITHIN).untilAsserted(() -> {
			WebElement row = row(page, campaign);
			assertThat(progress(row)).containsExactly(null, null);
			assertThat(field(row, "settled")).isEqualTo("2 settled, total unknown");
		});
	}

	@Test
	void pausesAndResumesTheCampaignInTheStore() {
		String campaign = campaignId();
		this.campaigns.register(campaign, 10);
		settle(campaign, 1, Outcome.CREATED);
		WebDriver page = openWithToken(API_TOKEN);

		click(page, campaign, "pause");

		await().atMost(SHOWN_WITHIN).untilAsserted(() -> {
			assertThat(stateInStore(campaign)).isEqualTo(CampaignState.PAUSED);
			assertThat(field(row(page, campaign), "state")).isEqualTo("paused");
			assertThat(enabledControls(page, campaign)).containsExactly("resume", "cancel");
		});
		click(page, campaign, "resume");
		await().atMost(SHOWN_WITHIN).untilAsserted(() -> {
			assertThat(stateInStore(campaign)).isEqualTo(CampaignState.RUNNING);
			assertThat(field(row(page, campaign), "state")).isEqualTo("running");
			assertThat(enabledControls(page, campaign)).containsExactly("pause", "cancel");
		});
	}

	@Test
	void cancelsTheCampaignInTheStoreOnlyOnceTheOperatorConfirms() {
		String campaign = campaignId();
		this.campaigns.register(campaign, 10);
		settle(campaign, 1, Outcome.CREATED);
		WebDriver page = openWithToken(API_TOKEN);

		click(page, campaign, "cancel");
		new WebDriverWait(page, SHOWN_WITHIN).until(ExpectedConditions.alertIsPresent()).dismiss();
		// a cancel sent anyway would reach the store within a few hundred milliseconds
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(2))
			.until(() -> stateInStore(campaign), (state) -> state == CampaignState.RUNNING);
		click(page, campaign, "cancel");
		new WebDriverWait(page, SHOWN_WITHIN).until(ExpectedConditions.alertIsPresent()).accept();

		await().atMost(SHOWN_WITHIN).untilAsserted(() -> {
			assertThat(stateInStore(campaign)).isEqualTo(CampaignState.CANCELLED);
			assertThat(field(row(page, campaign), "state")).isEqualTo("cancelled");
			assertThat(enabledControls(page, campaign)).isEmpty();
		});
	}

	@Test
	void forgetsARefusedTokenAndAsksAgain() {
		String campaign = campaignId();
		settle(campaign, 1, Outcome.CREATED);

		WebDriver page = openWithToken("not-" + API_TOKEN);

		await().atMost(SHOWN_WITHIN).untilAsserted(() -> {
			assertThat(page.findElement(By.id("token-form")).isDisplayed()).isTrue();
			assertThat(page.findElement(By.id("board")).isDisplayed()).isFalse();
			assertThat(page.findElement(By.id("message")).getText()).contains("refused");
		});
		assertThat(((JavascriptExecutor) page).executeScript("return sessionStorage.length")).isEqualTo(0L);
		assertThat(page.findElements(By.cssSelector("#campaign-rows tr"))).isEmpty();
	}

	@Test
	void showsACampaignIdAsTextNeverAsMarkup() {
		String campaign = "<img src=x onerror=alert(1)><b>" + UUID.randomUUID().toString().substring(0, 8);
		settle(campaign, 1, Outcome.CREATED);

		WebDriver page = openWithToken(API_TOKEN);

		await().atMost(SHOWN_WITHIN)
			.untilAsserted(() -> assertThat(field(row(page, campaign), "campaign")).isEqualTo(campaign));
		assertThat(page.findElements(By.cssSelector("#campaigns img, #campaigns b"))).isEmpty();
	}

	@Test
	void servesThePageWithoutCredentialsUnderAStrictContentSecurityPolicy() throws Exception {
		HttpClient http = HttpClient.newHttpClient();

		for (String path : List.of("/campaigns", "/campaigns/campaigns.js", "/campaigns/campaigns.css")) {
			HttpResponse<String> answer = http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());

			assertThat(answer.statusCode()).as(path).isEqualTo(200);
			assertThat(answer.headers().firstValue("Content-Security-Policy")).as(path)
				.hasValue(CampaignPageController.CONTENT_SECURITY_POLICY);
			assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
			assertThat(answer.body()).as(path).doesNotContain(API_TOKEN);
		}
		assertThat(CampaignPageController.CONTENT_SECURITY_POLICY).startsWith("default-src 'self';")
			.doesNotContain("unsafe");
	}

	private WebDriver openWithToken(String token) {
		WebDriver page = HeadlessChromium.start();
		this.browser = page;
		page.get("http://127.0.0.1:" + this.port + CampaignPageController.PATH);
		WebElement input = new WebDriverWait(page, SHOWN_WITHIN)
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
		input.sendKeys(token);
		page.findElement(By.id("token-submit")).click();
		return page;
	}

	private void settle(String campaign, int requests, Outcome outcome) {
		for (int i = 0; i < requests; i++) {
			this.campaigns.settled(campaign, "request-" + UUID.randomUUID(), outcome);
		}
	}

	private CampaignState stateInStore(String campaign) {
		return this.campaigns.find(campaign).orElseThrow().state();
	}

	private static WebElement row(WebDriver page, String campaign) {
		return findRow(page, campaign).orElseThrow(() -> new AssertionError("no row for " + campaign));
	}

	private static Optional<WebElement> findRow(WebDriver page, String campaign) {
		// compared here rather than in a selector, which would need the id escaped
		return page.findElements(By.cssSelector("#campaign-rows tr"))
			.stream()
			.filter((row) -> campaign.equals(row.getDomAttribute("data-campaign-id")))
			.findFirst();
	}

	private static String field(WebElement row, String name) {
		return row.findElement(By.cssSelector("[data-field='" + name + "']")).getText();
	}

	private static List<@Nullable String> progress(WebElement row) {
		WebElement bar = row.findElement(By.cssSelector("progress[data-field='progress']"));
		return Arrays.asList(bar.getDomAttribute("value"), bar.getDomAttribute("max"));
	}

	private static List<String> counts(WebElement row) {
		return List.of(field(row, "CREATED"), field(row, "REUSED"), field(row, "FAILED"), field(row, "CANCELLED"));
	}

	private static List<String> enabledControls(WebDriver page, String campaign) {
		return row(page, campaign).findElements(By.cssSelector("button[data-action]"))
			.stream()
			.filter(WebElement::isEnabled)
			.map((button) -> button.getDomAttribute("data-action"))
			.toList();
	}

	private static void click(WebDriver page, String campaign, String action) {
		await().atMost(SHOWN_WITHIN)
			.until(() -> findRow(page, campaign)
				.map((row) -> row.findElement(By.cssSelector("button[data-action='" + action + "']")))
				.filter(WebElement::isEnabled)
				.orElse(null), Objects::nonNull)
			.click();
	}

	private static String campaignId() {
		return "campaign-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
