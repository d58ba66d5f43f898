package dev.wharf.connect.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** The context class loader swap used around plugin calls. */
class LoaderScopeTest {

  @Test
  @SuppressWarnings("try") // the scopes only set the context class loader
  void setsTheContextLoaderAndRestoresThePreviousOne() throws Exception {
    ClassLoader before = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader pluginLoader = new URLClassLoader(new URL[0], before)) {
      try (LoaderScope outer = LoaderScope.enter(pluginLoader)) {
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(pluginLoader);
        try (LoaderScope inner = LoaderScope.enterFor("a string")) {
          assertThat(Thread.currentThread().getContextClassLoader())
              .isSameAs(String.class.getClassLoader());
        }
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(pluginLoader);
      }
    }
    assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
  }
}
