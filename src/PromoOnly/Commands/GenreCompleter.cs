using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using PromoOnly.Catalogue;

namespace PromoOnly.Commands;

/// <summary>
/// Tab completion for -Genre: the genres this process has seen in catalogue answers, or the
/// common POOL genres before any were seen. Names with spaces or '&amp;' come quoted.
/// </summary>
internal sealed class GenreCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return KnownGenres.Current()
            .Where(genre => genre.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .Select(genre => new CompletionResult(Quoted(genre), genre, CompletionResultType.ParameterValue, genre));
    }

    private static string Quoted(string genre) =>
        genre.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.') ? genre : "'" + genre.Replace("'", "''") + "'";
}
