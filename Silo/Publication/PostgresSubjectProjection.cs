using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Publication;
using Credit.Silo.Agencies;
using Credit.Silo.Storage;
using Npgsql;

namespace Credit.Silo.Publication;

/// <summary>Projects a subject into <c>change_log</c>, <c>public_listings</c> and the agencies' read model in one transaction.</summary>
public sealed class PostgresSubjectProjection(NpgsqlDataSource database) : ISubjectProjection
{
    public async Task<long> ProjectedVersionAsync(SubjectId subject, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("SELECT version FROM projected_subjects WHERE subject_key = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = subject.Key });
        return await command.ExecuteScalarAsync(cancellationToken) is long version ? version : 0;
    }

    public async Task ProjectAsync(SubjectSnapshot subject, IReadOnlyList<ChangeRecord> history, CancellationToken cancellationToken = default)
    {
        var key = subject.Profile.Id.Key;
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var projected = await LockAsync(connection, transaction, key, cancellationToken);
        if (projected >= subject.Version)
        {
            await transaction.CommitAsync(cancellationToken);
            return;
        }

        await ReplacePublicListingsAsync(connection, transaction, subject, cancellationToken);
        var position = await AppendToLogAsync(connection, transaction, key, [.. history.Where(h => h.Version > projected).OrderBy(h => h.Version)], cancellationToken);
        if (position is { } last)
            await InterceptionProjection.ApplyAsync(connection, transaction, subject, last, cancellationToken);
        await using (var advance = new NpgsqlCommand("UPDATE projected_subjects SET version = $2 WHERE subject_key = $1", connection, transaction))
        {
            advance.Parameters.Add(new NpgsqlParameter { Value = key });
            advance.Parameters.Add(new NpgsqlParameter { Value = subject.Version });
            await advance.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> RepairInterceptionAsync(string subjectKey, SubjectSnapshot? subject, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var projected = await LockAsync(connection, transaction, subjectKey, cancellationToken);
        var expected = subject?.Version ?? 0;
        // Only against the state the change log holds. A projection newer than the given state has written every
        // column itself; one older must not be overtaken by a state that the change log does not have yet.
        if (projected == expected)
            await InterceptionProjection.RepairAsync(connection, transaction, subjectKey, subject, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return projected == expected || (subject is not null && projected > expected);
    }

    /// <summary>Locks the subject's row and returns its projected version: two projections of one subject (or a
    /// projection and a repair) serialise here, and the later one finds the work done.</summary>
    private static async Task<long> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string key, CancellationToken cancellationToken)
    {
        await using (var ensure = new NpgsqlCommand(
            "INSERT INTO projected_subjects (subject_key, version) VALUES ($1, 0) ON CONFLICT (subject_key) DO NOTHING", connection, transaction))
        {
            ensure.Parameters.Add(new NpgsqlParameter { Value = key });
            await ensure.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var read = new NpgsqlCommand("SELECT version FROM projected_subjects WHERE subject_key = $1 FOR UPDATE", connection, transaction);
        read.Parameters.Add(new NpgsqlParameter { Value = key });
        return (long)(await read.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Positions come from the head row, updated last in the transaction: its lock makes every
    /// appender wait for the previous one to commit, so positions become visible in order, without gaps
    /// (but for those a reconciliation repair takes, see 0340_interception_repairs.sql).</summary>
    private static async Task<long?> AppendToLogAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string key, IReadOnlyList<ChangeRecord> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
            return null;
        var last = await ChangeLogHead.AdvanceAsync(connection, transaction, changes.Count, cancellationToken);
        var batch = new NpgsqlBatch(connection, transaction);
        var position = last - changes.Count;
        foreach (var change in changes)
        {
            var insert = new NpgsqlBatchCommand("""
                INSERT INTO change_log (position, subject_key, subject_version, kind, item_id, court, actor, reason, changed_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                """);
            insert.Parameters.Add(new NpgsqlParameter { Value = ++position });
            insert.Parameters.Add(new NpgsqlParameter { Value = key });
            insert.Parameters.Add(new NpgsqlParameter { Value = change.Version });
            insert.Parameters.Add(new NpgsqlParameter { Value = change.Kind.ToString() });
            insert.Parameters.Add(new NpgsqlParameter { Value = change.ItemId });
            insert.Parameters.Add(new NpgsqlParameter { Value = change.Court.Value });
            insert.Parameters.Add(new NpgsqlParameter { Value = change.Actor });
            insert.Parameters.Add(new NpgsqlParameter { Value = change.Reason });
            insert.Parameters.Add(new NpgsqlParameter { Value = change.At.ToUniversalTime() });
            batch.BatchCommands.Add(insert);
        }
        await using (batch)
            await batch.ExecuteNonQueryAsync(cancellationToken);
        return last;
    }

    private static async Task ReplacePublicListingsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SubjectSnapshot subject, CancellationToken cancellationToken)
    {
        var profile = subject.Profile;
        var batch = new NpgsqlBatch(connection, transaction);
        var delete = new NpgsqlBatchCommand("DELETE FROM public_listings WHERE subject_key = $1");
        delete.Parameters.Add(new NpgsqlParameter { Value = profile.Id.Key });
        batch.BatchCommands.Add(delete);
        foreach (var listing in subject.Listings.Where(l => l.Status == ListingStatus.Active))
        {
            var insert = new NpgsqlBatchCommand("""
                INSERT INTO public_listings (listing_id, subject_key, subject_version, is_entity, document_type, id_number, masked_id, name, name_bigrams,
                    sex, birth_date, legal_representative, court_code, court_name, province, case_number, basis_issuer, basis_number, obligation,
                    amount_owed, performance_status, amount_performed, grounds, behaviours, filing_date, publication_date, period_end)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, COALESCE((SELECT name FROM courts WHERE code = $13), $13), $14, $15, $16,
                    $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)
                """);
            object?[] values =
            [
                listing.Id, profile.Id.Key, subject.Version, profile.Id.IsEntity, profile.Id.Type.ToString(), profile.Id.Number, Masked(profile.Id),
                profile.Name, NameBigrams.Of(profile.Name), profile.Sex?.ToString(), profile.BirthDate, listing.ResponsiblePersons.LegalRepresentativeName(),
                listing.Court.Value, Provinces.Of(listing.Court.Value), listing.CaseNumber.Value, listing.EnforcementBasis.Issuer,
                listing.EnforcementBasis.DocumentNumber, listing.Obligation, listing.AmountOwed, listing.Performance.Status.ToString(),
                listing.Performance.AmountPerformed, listing.Grounds.Select(g => (int)g.Ground).ToArray(),
                string.Join("；", listing.Grounds.Select(g => g.Behaviour)), listing.FilingDate, listing.PublicationDate, listing.PeriodEnd,
            ];
            foreach (var value in values)
                insert.Parameters.Add(PositionalParameter.For(value));
            batch.BatchCommands.Add(insert);
        }
        await using (batch)
            await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The national site's masking: a resident ID hides the birth month and day; other
    /// documents hide all but the first two and last two characters; credit codes are public.</summary>
    public static string Masked(SubjectId id) => id.Type switch
    {
        DocumentType.ResidentId => id.ResidentId!.Value.Masked,
        DocumentType.CreditCode => id.Number,
        _ => string.Concat(id.Number.AsSpan(0, 2), new string('*', id.Number.Length - 4), id.Number.AsSpan(id.Number.Length - 2)),
    };
}
