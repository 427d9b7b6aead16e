package dev.parley.webhook.internal;

import java.time.Clock;

import dev.parley.webhook.WebhookProperties;
import io.netty.channel.ChannelOption;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

    @Bean
    AddressGuard webhookAddressGuard(WebhookProperties properties) {
        return new AddressGuard(properties.allowPrivateAddresses());
    }

    @Bean
    Subscriptions webhookSubscriptions(WebhookRepository repository, Clock clock, WebhookProperties properties) {
        return new Subscriptions(repository::activeTargets, clock, properties.subscriptionCacheTtl());
    }

    @Bean
    OutboxWriter webhookOutboxWriter(Subscriptions subscriptions, DeliveryRepository deliveries, JsonMapper json, Clock clock) {
        return new OutboxWriter(subscriptions, deliveries, json, clock);
    }

    @Bean
    Dispatcher webhookDispatcher(DeliveryRepository deliveries, WebhookRepository webhooks, AddressGuard guard,
            WebhookProperties properties, Clock clock) {
        // A pool of its own, so endpoints cannot use up connections other clients need; no redirects,
        // since a redirect could lead past the address check; every resolved address checked at connect.
        HttpClient http = HttpClient.create(ConnectionProvider.builder("webhooks")
                        .maxConnections(properties.concurrency())
                        .pendingAcquireMaxCount(properties.batchSize())
                        .build())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
                .responseTimeout(properties.responseTimeout())
                .followRedirect(false)
                .resolvedAddressesSelector((config, resolved) -> guard.permitted(resolved));
        WebClient client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
        return new Dispatcher(deliveries, webhooks, client, guard, properties, clock);
    }

    @Bean
    DispatchSchedule webhookDispatchSchedule(Dispatcher dispatcher, WebhookProperties properties) {
        return new DispatchSchedule(dispatcher, properties.pollInterval(), properties.batchSize());
    }
}
