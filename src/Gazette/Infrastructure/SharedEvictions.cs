using System.Text.Json;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Gazette.Infrastructure;

/// <summary>
/// Several instances behind a load balancer, with <c>Gazette:Redis:Configuration</c> set: the page cache
/// is kept in Redis (ASP.NET Core's Redis output cache store), so an eviction made by one instance is
/// seen by all; and each eviction is published on a Redis channel, so that every other instance also
/// forgets what it keeps in memory beside the cache (<see cref="PageCacheInvalidation.EvictedElsewhere"/>).
/// </summary>
public static class SharedEvictions
{
    public const string ConfigurationKey = "Gazette:Redis:Configuration";

    private static readonly RedisChannel Channel = RedisChannel.Literal("gazette:evictions");

    public static WebApplicationBuilder AddSharedEvictions(this WebApplicationBuilder builder)
    {
        // Shared through Redis when it is configured, else not available: callers count in memory.
        builder.Services.AddSingleton<SharedCounters>();
        if (builder.Configuration[ConfigurationKey] is not { Length: > 0 } configuration)
        {
            return builder;
        }
        var options = ConfigurationOptions.Parse(configuration);
        // Started without Redis, the site keeps trying in the background instead of failing to start.
        options.AbortOnConnectFail = false;
        var multiplexer = new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(options));
        builder.Services.AddSingleton(_ => multiplexer.Value);
        builder.Services.AddStackExchangeRedisOutputCache(redis =>
        {
            redis.InstanceName = "gazette:";
            redis.ConnectionMultiplexerFactory = () => Task.FromResult(multiplexer.Value);
        });
        // While Redis is away, pages are rendered for each reader instead of failing.
        var store = builder.Services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        builder.Services.Remove(store);
        builder.Services.AddSingleton<IOutputCacheStore>(sp => new Forgiving(
            store.ImplementationFactory is { } factory ? (IOutputCacheStore)factory(sp)
                : store.ImplementationInstance as IOutputCacheStore ?? (IOutputCacheStore)ActivatorUtilities.CreateInstance(sp, store.ImplementationType!),
            sp.GetRequiredService<ILogger<Forgiving>>()));
        builder.Services.AddHostedService<Relay>();
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthChecks.Ready]);
        return builder;
    }

    /// <summary>The Redis store, with its failures taken as misses (and evictions that could not be made logged).</summary>
    private sealed class Forgiving(IOutputCacheStore redis, ILogger<Forgiving> logger) : IOutputCacheStore
    {
        public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
        {
            try
            {
                return await redis.GetAsync(key, cancellationToken);
            }
            catch (RedisException e)
            {
                logger.LogWarning(e, "The page cache in Redis could not be read; the page is rendered afresh.");
                return null;
            }
        }

        public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
        {
            try
            {
                await redis.SetAsync(key, value, tags, validFor, cancellationToken);
            }
            catch (RedisException e)
            {
                logger.LogWarning(e, "A page could not be stored in Redis.");
            }
        }

        public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
        {
            try
            {
                await redis.EvictByTagAsync(tag, cancellationToken);
            }
            catch (RedisException e)
            {
                logger.LogError(e, "Pages tagged {Tag} could not be evicted from Redis; they are served until they expire.", tag);
            }
        }
    }

    /// <summary>Ready only while Redis answers: without it, this instance's pages and evictions are not shared.</summary>
    private sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
                return HealthCheckResult.Healthy("Redis answers.");
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("Redis could not be reached.");
            }
        }
    }

    private sealed record Message(string From, IReadOnlyList<string> Tags);

    /// <summary>Publishes this instance's evictions and applies the others'.</summary>
    private sealed class Relay(IConnectionMultiplexer redis, PageCacheInvalidation invalidation, ILogger<Relay> logger) : IHostedService, IDisposable
    {
        private readonly string _instance = Guid.NewGuid().ToString("N");

        private readonly CancellationTokenSource _stopping = new();

        public Task StartAsync(CancellationToken cancellationToken)
        {
            var subscriber = redis.GetSubscriber();
            // Announced from the start, so no eviction goes unannounced while the subscription is made.
            invalidation.Announce = tags => Publish(subscriber, tags);
            // Redis may be away when the site starts: the site starts anyway and listens once it can.
            _ = Task.Run(() => ListenAsync(subscriber, _stopping.Token), CancellationToken.None);
            return Task.CompletedTask;
        }

        private async Task ListenAsync(ISubscriber subscriber, CancellationToken stopping)
        {
            while (!stopping.IsCancellationRequested)
            {
                try
                {
                    await subscriber.SubscribeAsync(Channel, (_, value) => Receive(value));
                    return;
                }
                catch (RedisException e)
                {
                    logger.LogWarning(e, "Not listening to the other instances' evictions yet: Redis could not be reached.");
                }
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        private void Receive(RedisValue value)
        {
            try
            {
                if (JsonSerializer.Deserialize<Message>(value.ToString()) is { } message && message.From != _instance)
                {
                    invalidation.EvictedElsewhere(message.Tags);
                }
            }
            catch (JsonException e)
            {
                logger.LogWarning(e, "An eviction message on Redis could not be read.");
            }
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            try
            {
                await _stopping.CancelAsync();
            }
            catch (ObjectDisposedException)
            {
                // The host was disposed before it was stopped: nothing is listening any more.
            }
            invalidation.Announce = null;
            try
            {
                await redis.GetSubscriber().UnsubscribeAsync(Channel);
            }
            catch (RedisException)
            {
                // Gone already: nothing to stop listening to.
            }
        }

        private async Task Publish(ISubscriber subscriber, IReadOnlyList<string> tags)
        {
            try
            {
                await subscriber.PublishAsync(Channel, JsonSerializer.Serialize(new Message(_instance, tags)));
            }
            catch (RedisException e)
            {
                logger.LogError(e, "An eviction could not be announced to the other instances.");
            }
        }

        public void Dispose() => _stopping.Dispose();

    }
}
