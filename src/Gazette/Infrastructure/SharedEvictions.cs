using System.Text.Json;
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
        if (builder.Configuration[ConfigurationKey] is not { Length: > 0 } configuration)
        {
            return builder;
        }
        var multiplexer = new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(configuration));
        builder.Services.AddSingleton(_ => multiplexer.Value);
        builder.Services.AddStackExchangeRedisOutputCache(redis =>
        {
            redis.InstanceName = "gazette:";
            redis.ConnectionMultiplexerFactory = () => Task.FromResult(multiplexer.Value);
        });
        builder.Services.AddHostedService<Relay>();
        return builder;
    }

    private sealed record Message(string From, IReadOnlyList<string> Tags);

    /// <summary>Publishes this instance's evictions and applies the others'.</summary>
    private sealed class Relay(IConnectionMultiplexer redis, PageCacheInvalidation invalidation, ILogger<Relay> logger) : IHostedService
    {
        private readonly string _instance = Guid.NewGuid().ToString("N");

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var subscriber = redis.GetSubscriber();
            await subscriber.SubscribeAsync(Channel, (_, value) =>
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
            });
            invalidation.Announce = tags => subscriber.PublishAsync(Channel, JsonSerializer.Serialize(new Message(_instance, tags)));
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            invalidation.Announce = null;
            await redis.GetSubscriber().UnsubscribeAsync(Channel);
        }
    }
}
