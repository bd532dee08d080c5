package com.outboundsms.worker.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The log of every request to the emulated Twilio API, in arrival order; thread-safe.
 */
public final class RequestLog {

	private final List<RecordedRequest> requests = new ArrayList<>();

	synchronized void add(RecordedRequest request) {
		this.requests.add(request);
	}

	public synchronized List<RecordedRequest> all() {
		return List.copyOf(this.requests);
	}

	/**
	 * Returns the requests with this method ({@code null} or {@code *} for any) whose
	 * whole raw path matches the regular expression.
	 */
	public List<RecordedRequest> matching(@Nullable String method, String pathRegex) {
		Pattern path = Pattern.compile(pathRegex);
		return all().stream()
			.filter((request) -> method == null || "*".equals(method) || method.equalsIgnoreCase(request.method()))
			.filter((request) -> path.matcher(request.path()).matches())
			.toList();
	}

	public int count(@Nullable String method, String pathRegex) {
		return matching(method, pathRegex).size();
	}

	public synchronized void clear() {
		this.requests.clear();
	}

}
