package dev.wharf.connect.cluster;

/**
 * Observes this worker's rounds of the group protocol, for metrics. Both calls come from the
 * membership thread, one round after the other; they must return quickly and never throw.
 */
public interface RebalanceListener {

  /** This worker is (re)joining the group: a round has started. */
  void onRebalanceStarted();

  /**
   * This worker has adopted its share of the round's assignment: it runs exactly that work now.
   *
   * @param generation the group generation of the assignment
   * @param leaderUrl the REST URL of the round's leader, or null when the assignment names none
   */
  void onRebalanceCompleted(int generation, String leaderUrl);
}
