package com.outboundsms.worker.twilio;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.outboundsms.worker.processing.WorkerMetrics;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP client under the shared {@code TwilioRestClient}: one request per SDK call
 * (twilio-java's 5xx retries and Apache's 429/503 retries are off, so the worker's own
 * policy is the only one), bounded reads, and, when a base URL is configured, every
 * {@code https://{sub}.twilio.com} URL sent to {@code {base}/{sub}} instead. Every call
 * goes through the {@link TwilioCallLimiter}: within the adaptive limit on calls in
 * flight and its endpoint's rate; the {@link TwilioRefusals} note which calls Twilio
 * answers 403.
 */
public class TwilioHttpClient extends NetworkHttpClient {

	private static final Pattern TWILIO_HOST = Pattern.compile("^https://([a-z0-9-]+)\\.twilio\\.com");

	private static final Pattern SID = Pattern.compile("/[A-Z]{2}[0-9a-fA-F]{32}(?=/|$)");

	/** A chat user named by identity, which may be a customer's address. */
	private static final Pattern USER = Pattern.compile("(?<=/Users/)[^/]+");

	private final @Nullable String baseUrl;

	private final WorkerMetrics metrics;

	private final TwilioCallLimiter limiter;

	private final TwilioRefusals refusals;

	TwilioHttpClient(@Nullable String baseUrl, TwilioProperties properties, TwilioCallLimiter limiter,
			TwilioRefusals refusals, WorkerMetrics metrics) {
		super(builder(properties));
		this.metrics = metrics;
		this.limiter = limiter;
		this.refusals = refusals;
		this.baseUrl = baseUrlOf(baseUrl);
	}

	private static HttpClientBuilder builder(TwilioProperties properties) {
		PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager();
		connections.setDefaultSocketConfig(
				SocketConfig.custom().setSoTimeout(Timeout.of(properties.readTimeout())).setSoKeepAlive(true).build());
		connections.setMaxTotal(properties.maxConnections());
		connections.setDefaultMaxPerRoute(properties.maxConnections());
		return HttpClientBuilder.create()
			.setConnectionManager(connections)
			.disableAutomaticRetries()
			.disableRedirectHandling();
	}

	@Override
	public Response reliableRequest(Request request) {
		return makeRequest(request);
	}

	@Override
	public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
		return makeRequest(request);
	}

	@Override
	public Response makeRequest(Request request) {
		String endpoint = endpoint(request.getUrl());
		String call = request.getMethod() + " " + endpoint;
		Response response;
		try {
			response = this.limiter.call(call, () -> timed(request, endpoint));
		}
		catch (NoCallPermitException ex) {
			this.metrics.twilioCallRefused(endpoint);
			throw ex;
		}
		this.refusals.answered(call, response.getStatusCode());
		return response;
	}

	private Response timed(Request request, String endpoint) {
		long started = System.nanoTime();
		int status = 0;
		try {
			Response response = super.makeRequest((this.baseUrl != null) ? redirected(request) : request);
			status = response.getStatusCode();
			return response;
		}
		finally {
			this.metrics.twilioCall(endpoint, status, Duration.ofNanos(System.nanoTime() - started));
		}
	}

	/**
	 * The endpoint a URL calls, SIDs and chat user identities replaced, for a bounded
	 * metric tag that carries no phone number: such as
	 * {@code proxy/v1/Services/{sid}/Sessions}.
	 */
	public static String endpoint(String url) {
		Matcher host = TWILIO_HOST.matcher(url);
		String path = host.find() ? host.group(1) + url.substring(host.end()) : "other";
		int query = path.indexOf('?');
		path = (query >= 0) ? path.substring(0, query) : path;
		return USER.matcher(SID.matcher(path).replaceAll("/{sid}")).replaceAll("{identity}");
	}

	/**
	 * The base URL requests are moved to, without a trailing slash; none when unset or
	 * blank, as a compose file or a chart passes an empty variable for "Twilio itself".
	 */
	static @Nullable String baseUrlOf(@Nullable String configured) {
		if (configured == null || configured.isBlank()) {
			return null;
		}
		return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
	}

	/**
	 * The same request with its URL moved to the base URL (twilio-java's URL is final, so
	 * the request is copied).
	 */
	private Request redirected(Request original) {
		String url = original.getUrl();
		Matcher host = TWILIO_HOST.matcher(url);
		if (!host.find()) {
			return original;
		}
		Request copy = new Request(original.getMethod(),
				this.baseUrl + "/" + host.group(1) + url.substring(host.end()));
		if (original.getAuthStrategy() != null) {
			copy.setAuth(original.getAuthStrategy());
		}
		else {
			copy.setAuth(original.getUsername(), original.getPassword());
		}
		original.getQueryParams().forEach((key, values) -> values.forEach((value) -> copy.addQueryParam(key, value)));
		original.getPostParams().forEach((key, values) -> values.forEach((value) -> copy.addPostParam(key, value)));
		original.getHeaderParams().forEach((key, values) -> values.forEach((value) -> copy.addHeaderParam(key, value)));
		if (original.getContentType() != null) {
			copy.setContentType(original.getContentType());
		}
		if (original.getBody() != null) {
			copy.setBody(original.getBody());
		}
		copy.setUserAgentExtensions(original.getUserAgentExtensions());
		return copy;
	}

}
