/**
 * The idempotency store in a relational database (an embedded file or PostgreSQL), with
 * its Flyway migrations.
 */
package com.outboundsms.worker.idempotency;
