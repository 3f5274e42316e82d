using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// A real SMTP server (the SmtpServer library) on a loopback port, keeping every message it
/// accepts, parsed by MimeKit. Disposed, it stops listening and the port refuses connections,
/// which is how a test takes "the mail server" down and brings it back.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;

    /// <param name="port">The loopback port to listen on.</param>
    /// <param name="answerAfter">
    /// How long each message is held before the server answers it: a slow server keeps a sender busy, so that
    /// senders of several instances are at work at the same time.
    /// </param>
    public SmtpSink(int port, TimeSpan answerAfter = default)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("sink.test")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(Messages, answerAfter));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Stopping is what was asked for.
        }
        _stop.Dispose();
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> messages, TimeSpan answerAfter) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (answerAfter > TimeSpan.Zero)
            {
                await Task.Delay(answerAfter, cancellationToken);
            }
            await using var stream = new MemoryStream(buffer.ToArray());
            messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
