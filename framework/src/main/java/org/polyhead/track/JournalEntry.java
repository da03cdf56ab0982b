package org.polyhead.track;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One tracking write as the journal keeps it: a metric point, a param, a tag, an artifact upload or the run's end.
 * Its timestamp is fixed when it is written, so sending it twice (a retry after a lost response, a replay) gives the
 * server the identical point, which it stores once.
 *
 * @param key    metric, param or tag key; for an artifact its path under the run's artifact root
 * @param value  param or tag value; an artifact's local file; the end's status
 * @param number a metric's value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JournalEntry(long seq, Kind kind, String key, String value, Double number, Long step, long timestamp) {

    /** What an entry records. */
    public enum Kind { METRIC, PARAM, TAG, ARTIFACT, END }
}
