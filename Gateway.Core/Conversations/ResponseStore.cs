namespace Gateway.Core.Conversations;

/// <summary>
/// Keeps the responses Responses clients received through Chat upstreams (SPEC 5.3), per API key, and reads them back
/// for later turns. A response is recorded in memory the moment it is answered (a client may continue it at once) and
/// written to the database off the response path; reads see both. On shutdown the writes still under way are finished.
/// </summary>
internal sealed partial class ResponseStore(
    IDbContextFactory<GatewayDbContext> dbFactory,
    [FromKeyedServices(ResiliencePipelineNames.StorageWrite)] ResiliencePipeline storageWrites,
    IOptionsMonitor<GatewayOptions> options,
    TimeProvider time,
    ILogger<ResponseStore> logger) : IResponseRecorder, IHostedService
{
    private static readonly FrozenSet<string> WithoutOutput = FrozenSet.Create(StringComparer.Ordinal, "output");

    private readonly ConcurrentDictionary<(long KeyId, string Id), StoredResponse> _pending = new();
    private readonly BackgroundWrites _writes = new();

    /// <summary>Reads what <paramref name="references"/> name for <paramref name="keyId"/>; unknown ids are simply absent from the answer.</summary>
    public async Task<ConversationHistory> LoadAsync(long keyId, ConversationReferences references, CancellationToken ct)
    {
        var cutoff = Cutoff();

        // Taken before the database is read: a write that ends in between is then in the database, never in neither.
        var pending = _pending.Values.Where(r => r.KeyId == keyId).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var used = new List<string>();
        List<StoredResponse>? chain = null;
        if (references.PreviousResponseId is { } previousId)
        {
            chain = await LoadChainAsync(db, keyId, previousId, pending, cutoff, ct);
            used.AddRange(chain?.Select(r => r.Id) ?? []);
        }

        var referenced = new Dictionary<string, string>(StringComparer.Ordinal);
        if (references.ItemIds.Count > 0)
        {
            foreach (var (responseId, itemId, json) in await LoadItemsAsync(db, keyId, references.ItemIds, pending, cutoff, ct))
            {
                referenced.TryAdd(itemId, json);
                used.Add(responseId);
            }
        }

        var conversationId = chain?[0].ConversationId;
        if (used.Count > 0)
        {
            // Whether or not the answer is stored (store: false, an upstream that speaks Responses), what it draws on was used.
            _writes.Track(RestartRetentionAsync(keyId, conversationId, [.. used.Distinct(StringComparer.Ordinal)]));
        }

        return new ConversationHistory
        {
            PreviousResponseId = references.PreviousResponseId,
            ConversationId = conversationId,
            PreviousItems = chain is null ? null : [.. Enumerable.Reverse(chain).SelectMany(r => r.Items.OrderBy(i => i.Position).Select(i => i.Json))],
            ReferencedItems = referenced,
        };
    }

    public void Record(ConversationTurn turn)
    {
        if (options.CurrentValue.ResponseStoreRetention <= TimeSpan.Zero)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var limit = options.CurrentValue.ResponseStoreMaxItemBytes;
        var envelope = turn.Response is { } whole ? JsonNodes.CopyExcept(whole, WithoutOutput).Compact() : null;
        if (envelope is not null && Encoding.UTF8.GetByteCount(envelope) > limit)
        {
            LogItemTooLarge(logger, turn.ResponseId, limit);
            return;
        }

        var response = new StoredResponse
        {
            Id = turn.ResponseId,
            KeyId = turn.KeyId,
            ConversationId = turn.Continues?.ConversationId ?? turn.ResponseId,
            PreviousResponseId = turn.Continues?.PreviousResponseId,
            CreatedAt = now,
            LastUsedAt = now,
            Envelope = envelope,
            InputItemCount = turn.Input.OfType<JsonObject>().Count(),
        };
        foreach (var item in turn.Input.OfType<JsonObject>().Select(WithId).Concat(turn.Output.OfType<JsonObject>()))
        {
            var json = item.Compact();
            if (Encoding.UTF8.GetByteCount(json) > limit)
            {
                LogItemTooLarge(logger, turn.ResponseId, limit);
                return;
            }

            response.Items.Add(new StoredResponseItem
            {
                ResponseId = response.Id,
                KeyId = turn.KeyId,
                Position = response.Items.Count,
                ItemId = item["id"].Str() is { Length: <= StoredResponseItem.IdMaxLength } itemId ? itemId : null,
                Json = json,
            });
        }

        _pending[(turn.KeyId, turn.ResponseId)] = response;
        _writes.Track(WriteAsync(response));
    }

    /// <summary>
    /// An input item as it is kept: with an id, as the Responses API gives every input item one, so it can be listed page
    /// by page and named by a later <c>item_reference</c>. The client's own id, when it sent one, is kept.
    /// </summary>
    private static JsonObject WithId(JsonObject item)
    {
        if (item["id"].Str() is not null)
        {
            return item;
        }

        var copy = item.DeepClone().AsObject();
        copy["id"] = ConversionIds.New(item["type"].Str() is null or "message" ? "msg_" : "item_");
        return copy;
    }

    /// <summary>The response <paramref name="id"/> kept for <paramref name="keyId"/>, with its items; null when unknown or expired.</summary>
    public async Task<StoredResponse?> FindAsync(long keyId, string id, CancellationToken ct)
    {
        if (_pending.TryGetValue((keyId, id), out var pending))
        {
            return pending;
        }

        var cutoff = Cutoff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.StoredResponses.AsNoTracking().Include(r => r.Items)
            .FirstOrDefaultAsync(r => r.Id == id && r.KeyId == keyId && r.LastUsedAt >= cutoff, ct);
    }

    /// <summary>
    /// Deletes the response <paramref name="id"/> kept for <paramref name="keyId"/> and its items; false when unknown or
    /// expired. The responses that continued it keep their own items, but their chain is broken.
    /// </summary>
    public async Task<bool> DeleteAsync(long keyId, string id, CancellationToken ct)
    {
        if (_pending.ContainsKey((keyId, id)))
        {
            // Still being written: deleted once it is, or the write would bring it back.
            await WrittenAsync().WaitAsync(ct);
        }

        var cutoff = Cutoff();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.StoredResponses.Where(r => r.Id == id && r.KeyId == keyId && r.LastUsedAt >= cutoff).ExecuteDeleteAsync(ct) > 0;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Waits for the writes still under way (until the host's shutdown timeout).</summary>
    public Task StopAsync(CancellationToken cancellationToken) => WrittenAsync().WaitAsync(cancellationToken);

    /// <summary>Completes when every response recorded so far has been written (or has failed to be).</summary>
    internal Task WrittenAsync() => _writes.WrittenAsync();

    private DateTime Cutoff() => time.GetUtcNow().UtcDateTime - options.CurrentValue.ResponseStoreRetention;

    /// <summary>The previous response and its ancestors, newest first; null when it, or one of its ancestors, is unknown or expired.</summary>
    private static async Task<List<StoredResponse>?> LoadChainAsync(
        GatewayDbContext db, long keyId, string previousId, List<StoredResponse> pending, DateTime cutoff, CancellationToken ct)
    {
        var conversationId = pending.Find(r => r.Id == previousId) is { } previous
            ? previous.ConversationId
            : await db.StoredResponses.Where(r => r.Id == previousId && r.KeyId == keyId && r.LastUsedAt >= cutoff).Select(r => r.ConversationId).FirstOrDefaultAsync(ct);
        if (conversationId is null)
        {
            return null;
        }

        // The conversation's links first, then the items of the one chain they lead to: a conversation forked many times
        // (regenerated answers, agents reusing a base response) would otherwise load every branch's items on every turn.
        var links = await db.StoredResponses.AsNoTracking()
            .Where(r => r.KeyId == keyId && r.ConversationId == conversationId && r.LastUsedAt >= cutoff)
            .Select(r => new { r.Id, r.PreviousResponseId })
            .ToDictionaryAsync(r => r.Id, r => r.PreviousResponseId, StringComparer.Ordinal, ct);
        var unwritten = pending.Where(r => r.ConversationId == conversationId).ToDictionary(r => r.Id, StringComparer.Ordinal);
        foreach (var response in unwritten.Values)
        {
            links[response.Id] = response.PreviousResponseId;
        }

        var chainIds = new List<string>();
        for (string? id = previousId; id is not null; id = links[chainIds[^1]])
        {
            // An id not in the conversation, or met twice, breaks the chain.
            if (!links.ContainsKey(id) || chainIds.Contains(id, StringComparer.Ordinal))
            {
                return null;
            }

            chainIds.Add(id);
        }

        var written = chainIds.Where(id => !unwritten.ContainsKey(id)).ToList();
        var loaded = await db.StoredResponses.AsNoTracking().Include(r => r.Items)
            .Where(r => r.KeyId == keyId && written.Contains(r.Id) && r.LastUsedAt >= cutoff)
            .ToDictionaryAsync(r => r.Id, StringComparer.Ordinal, ct);
        var chain = new List<StoredResponse>(chainIds.Count);
        foreach (var id in chainIds)
        {
            // Purged between the two reads: the chain is broken after all.
            if (!(unwritten.TryGetValue(id, out var response) || loaded.TryGetValue(id, out response)))
            {
                return null;
            }

            chain.Add(response);
        }

        return chain;
    }

    private static async Task<List<(string ResponseId, string ItemId, string Json)>> LoadItemsAsync(
        GatewayDbContext db, long keyId, IReadOnlyList<string> itemIds, List<StoredResponse> pending, DateTime cutoff, CancellationToken ct)
    {
        var found = await db.StoredResponseItems.AsNoTracking()
            .Where(i => i.KeyId == keyId && i.ItemId != null && itemIds.Contains(i.ItemId) && i.Response!.LastUsedAt >= cutoff)
            .Select(i => new { i.ResponseId, i.ItemId, i.Json })
            .ToListAsync(ct);
        var items = found.Select(i => (i.ResponseId, i.ItemId!, i.Json)).ToList();
        foreach (var response in pending)
        {
            items.AddRange(response.Items.Where(i => i.ItemId is not null && itemIds.Contains(i.ItemId)).Select(i => (i.ResponseId, i.ItemId!, i.Json)));
        }

        return items;
    }

    /// <summary>
    /// Continuing a conversation restarts the retention of everything it draws on: the whole conversation of its previous
    /// response and the responses its item references come from. Off the request path, like the writes.
    /// </summary>
    private async Task RestartRetentionAsync(long keyId, string? conversationId, List<string> used)
    {
        await Task.Yield();
        var now = time.GetUtcNow().UtcDateTime;
        try
        {
            await storageWrites.ExecuteAsync(async ct =>
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                await db.StoredResponses
                    .Where(r => r.KeyId == keyId && (r.ConversationId == conversationId || used.Contains(r.Id)))
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.LastUsedAt, now), ct);
            });
        }
        catch (Exception ex) when (DatabaseErrors.IsFailure(ex))
        {
            LogRetentionRestartFailed(logger, used[0], ex);
        }
    }

    private async Task WriteAsync(StoredResponse response)
    {
        // Off the response path: the client already has its answer.
        await Task.Yield();
        try
        {
            await storageWrites.ExecuteAsync(async ct =>
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                db.StoredResponses.Add(Copy(response));
                await db.SaveChangesAsync(ct);
            });
        }
        catch (Exception ex) when (DatabaseErrors.IsFailure(ex))
        {
            LogWriteFailed(logger, response.Id, ex);
        }
        finally
        {
            _pending.TryRemove((response.KeyId, response.Id), out _);
        }
    }

    // A fresh entity per try: a failed SaveChanges leaves the previous context's tracking in an unknown state.
    private static StoredResponse Copy(StoredResponse response) => new()
    {
        Id = response.Id,
        KeyId = response.KeyId,
        ConversationId = response.ConversationId,
        PreviousResponseId = response.PreviousResponseId,
        CreatedAt = response.CreatedAt,
        LastUsedAt = response.LastUsedAt,
        Envelope = response.Envelope,
        InputItemCount = response.InputItemCount,
        Items = [.. response.Items.Select(i => new StoredResponseItem { ResponseId = i.ResponseId, KeyId = i.KeyId, Position = i.Position, ItemId = i.ItemId, Json = i.Json })],
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Response {ResponseId} is not stored: it, or one of its items, is larger than {Limit} bytes")]
    private static partial void LogItemTooLarge(ILogger logger, string responseId, int limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Restarting the retention of the conversation of response {ResponseId} failed; it expires as if not continued")]
    private static partial void LogRetentionRestartFailed(ILogger logger, string responseId, Exception ex);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing response {ResponseId} failed; a later request continuing it will be told it is unknown")]
    private static partial void LogWriteFailed(ILogger logger, string responseId, Exception ex);
}
