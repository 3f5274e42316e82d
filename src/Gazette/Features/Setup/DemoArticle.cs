namespace Gazette.Features.Setup;

/// <summary>The article a new site opens with, so that every part of the page can be seen at once.</summary>
internal static class DemoArticle
{
    public const string Title = "Night ferry returns to Kestrel Bay after eleven years";
    public const string Slug = "night-ferry-returns-to-kestrel-bay";
    public const string ImageAlt = "Illustration of a harbour at dawn: a lighthouse on a dark headland and two sailboats on calm water as the sun rises";
    public const string ImageCaption = "First light over the outer harbour, where the night ferry will tie up.";
    public const string ImageCredit = "Gazette demo illustration";

    public const string Excerpt =
        "The overnight crossing to the islands resumes in spring, with a smaller, quieter boat and fares capped for residents.";

    public const string Body = """
        Kestrel Bay's overnight ferry will sail again from the first week of April, the harbour board
        confirmed on Tuesday, ending a gap of eleven years in which islanders who missed the last
        afternoon boat had to wait until morning or pay for a water taxi.

        The service will run four nights a week at first, leaving the outer quay at 22:40 and reaching
        Holm Island a little after midnight. A return sailing sets off at 05:15, in time for early shifts
        at the hospital and the fish market.

        ## A smaller boat, built for the job

        The board has chartered a 40-metre hybrid vessel that carries 120 passengers and twelve cars.
        It runs on batteries inside the harbour walls, which the board says will keep the quayside quiet
        for people living above the old customs house, the loudest objection when the route closed.

        Crew numbers are lower than on the old ship, and the galley has been replaced by vending
        machines and a small seating lounge. "It is a crossing, not a cruise," said the board's
        operations manager, Ilse Marr. "People want to get home."

        ## What it costs

        Residents of the islands will pay a capped fare of £6 each way, the same as the daytime boat.
        Visitors pay £14, and a car with driver costs £38. Season tickets go on sale in March at the
        harbour office and online.

        The first year is paid for by a grant from the regional transport fund, topped up by the
        council. After that the route must cover two thirds of its running costs from fares, or come
        back to the council for a decision.

        ## What happens next

        Sea trials begin in February. The board will publish a timetable for the summer months, when
        it hopes to run every night, once it has counted passengers through April and May.

        Readers who used the old night boat, or who would use the new one, are welcome to share what
        the timetable should look like in the comments below.

        ---

        *This is Gazette's demo article. Sign in to the newsroom at /admin to edit it, delete it, or
        write your own.*
        """;
}
