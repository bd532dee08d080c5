package com.outboundsms.worker.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Posts Twilio's {@code onConversationStateUpdated} post-event webhook, form-encoded and
 * signed as Twilio signs, to the URL the control API set, for every state change of a
 * conversation. It sends on one background thread so that no request waits for it, and
 * tries each webhook at most {@value #ATTEMPTS} times.
 */
final class StateWebhookSender implements ConversationStateListener, AutoCloseable {

	static final String EVENT_TYPE = "onConversationStateUpdated";

	static final int ATTEMPTS = 3;

	private static final Duration RETRY_DELAY = Duration.ofMillis(200);

	private static final System.Logger LOG = System.getLogger(StateWebhookSender.class.getName());

	private final String accountSid;

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "emulator-webhooks");
		thread.setDaemon(true);
		return thread;
	});

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final List<StateWebhookDelivery> deliveries = new ArrayList<>();

	private volatile @Nullable Target target;

	StateWebhookSender(String accountSid) {
		this.accountSid = accountSid;
	}

	/**
	 * Posts every state change from now on to {@code url}, signed with {@code authToken}.
	 */
	void target(String url, String authToken) {
		if (!isHttpUrl(url)) {
			throw TwilioApiException.invalidParameter("url", url + " (an absolute http or https URL)");
		}
		this.target = new Target(url, authToken);
	}

	@Nullable Target target() {
		return this.target;
	}

	/**
	 * Stops posting and forgets what was posted; webhooks in flight still go out.
	 */
	void reset() {
		this.target = null;
		synchronized (this.deliveries) {
			this.deliveries.clear();
		}
	}

	List<StateWebhookDelivery> deliveries() {
		synchronized (this.deliveries) {
			return List.copyOf(this.deliveries);
		}
	}

	@Override
	public void stateChanged(String from, Conversation changed, Reason reason) {
		Target current = this.target;
		if (current == null) {
			return;
		}
		Map<String, String> parameters = new TreeMap<>();
		parameters.put("EventType", EVENT_TYPE);
		parameters.put("AccountSid", this.accountSid);
		parameters.put("ChatServiceSid", changed.chatServiceSid());
		parameters.put("ConversationSid", changed.sid());
		parameters.put("StateFrom", from);
		parameters.put("StateTo", changed.state());
		parameters.put("Reason", reason.name());
		parameters.put("DateCreated", TwilioTime.format(changed.created()));
		parameters.put("DateUpdated", TwilioTime.format(changed.updated()));
		parameters.put("Source", "API");
		Webhook webhook = new Webhook(current, Map.copyOf(parameters), UUID.randomUUID().toString());
		this.executor.execute(() -> attempt(webhook, 1));
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

	private static boolean isHttpUrl(String url) {
		try {
			URI uri = new URI(url);
			return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private void attempt(Webhook webhook, int attempt) {
		int status;
		try {
			status = this.http.send(webhook.request(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			LOG.log(System.Logger.Level.DEBUG, "Webhook to " + webhook.target().url() + " failed", ex);
			status = 0;
		}
		catch (InterruptedException ex) {
			// the emulator is closing
			Thread.currentThread().interrupt();
			return;
		}
		boolean succeeded = status >= 200 && status < 300;
		if (!succeeded && attempt < ATTEMPTS) {
			this.executor.schedule(() -> attempt(webhook, attempt + 1), RETRY_DELAY.toMillis() * attempt,
					TimeUnit.MILLISECONDS);
			return;
		}
		if (!succeeded) {
			LOG.log(System.Logger.Level.WARNING, "Gave up the " + EVENT_TYPE + " webhook to {0} after {1} attempts",
					webhook.target().url(), attempt);
		}
		Map<String, String> parameters = webhook.parameters();
		synchronized (this.deliveries) {
			this.deliveries.add(new StateWebhookDelivery(webhook.target().url(), parameters.get("ConversationSid"),
					parameters.get("StateFrom"), parameters.get("StateTo"), parameters.get("Reason"), status, attempt));
		}
	}

	/**
	 * Where webhooks go and the auth token that signs them.
	 *
	 * @param url the full URL, signed as it is
	 * @param authToken the signing key
	 */
	record Target(String url, String authToken) {

	}

	/**
	 * One webhook to post, the same on every attempt.
	 *
	 * @param target where it goes
	 * @param parameters its form parameters
	 * @param idempotencyToken Twilio's {@code I-Twilio-Idempotency-Token}, for receivers
	 * that drop repeats
	 */
	private record Webhook(Target target, Map<String, String> parameters, String idempotencyToken) {

		HttpRequest request() {
			String body = new TreeMap<>(this.parameters).entrySet()
				.stream()
				.map((parameter) -> encode(parameter.getKey()) + "=" + encode(parameter.getValue()))
				.collect(Collectors.joining("&"));
			return HttpRequest.newBuilder(URI.create(this.target.url()))
				.timeout(Duration.ofSeconds(5))
				.header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
				.header("X-Twilio-Signature",
						TwilioSignature.of(this.target.authToken(), this.target.url(), this.parameters))
				.header("I-Twilio-Idempotency-Token", this.idempotencyToken)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
		}

		private static String encode(String text) {
			return URLEncoder.encode(text, StandardCharsets.UTF_8);
		}

	}

}
