using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Objections;
using Npgsql;

namespace Credit.ReadModels.ApiKeys;

/// <summary>A court registered on the platform.</summary>
public sealed record Court(string Code, string Name, string NameEn);

/// <summary>The courts registered on the platform (table <c>courts</c>, 0100_courts.sql), whom the court keys belong to.</summary>
public sealed class CourtRegistry(NpgsqlDataSource database) : IPlatformCourts
{
    public async Task<bool> IsOnPlatformAsync(CourtCode court, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("SELECT EXISTS (SELECT 1 FROM courts WHERE code = $1)");
        command.Parameters.AddWithValue(court.Value);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    public async Task<List<Court>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT code, name, name_en FROM courts ORDER BY code");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var courts = new List<Court>();
        while (await reader.ReadAsync(cancellationToken))
            courts.Add(new Court(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return courts;
    }
}
