/**
 * The plugin layer of the Connect runtime: which connectors, converters, header converters,
 * transformations, predicates, config providers and client config override policies a worker has,
 * and how their code is loaded.
 *
 * <p>{@link dev.wharf.connect.plugins.Plugins#load} discovers the plugins bundled on the worker's
 * class path (Apache's connect-json and connect-transforms, {@code StringConverter} and {@code
 * SimpleHeaderConverter} from connect-api, the kafka-clients config providers, and Wharf's own
 * implementations of the converters and override policies Apache ships in its runtime JAR, under
 * Apache's class names in {@code org.apache.kafka.connect.converters} and {@code
 * org.apache.kafka.connect.connector.policy}) and those installed on {@code plugin.path}, each
 * plugin location with its own child-first class loader. The runtime then lists plugins ({@link
 * dev.wharf.connect.plugins.PluginDescriptor}), creates them by class name or alias, and runs their
 * code inside a {@link dev.wharf.connect.plugins.LoaderScope}. {@link
 * dev.wharf.connect.plugins.ConfigProviders} resolves {@code ${provider:path:key}} placeholders
 * with the worker's config providers.
 */
package dev.wharf.connect.plugins;
