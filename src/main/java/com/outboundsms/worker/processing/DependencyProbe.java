package com.outboundsms.worker.processing;

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

}
