package com.outboundsms.worker.processing;

import java.util.List;

/**
 * A cheap look at whether a dependency works again, made while consumption is paused.
 * Never creates anything.
 */
public interface DependencyProbe {

	/**
	 * The dependency this probe looks at.
	 * @return the dependency
	 */
	Dependency dependency();

	/**
	 * Looks once.
	 * @throws RuntimeException when the dependency still fails
	 */
	void check();

	/**
	 * The calls the dependency refused although it may accept the worker, as last
	 * answered: Twilio's 403s, which a key lacking a permission gets while its
	 * credentials are good. Read from memory, never by making a call.
	 * @return each call as method and endpoint, such as
	 * {@code POST flex-api/v1/Interactions}; empty for dependencies without permissions
	 */
	default List<String> refusedCalls() {
		return List.of();
	}

}
