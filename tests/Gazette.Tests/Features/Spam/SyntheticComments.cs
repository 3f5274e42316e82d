using Gazette.Features.Spam;

namespace Gazette.Tests.Features.Spam;

/// <summary>
/// Writes video/blog comments in the style of public comment-spam collections, with a seeded
/// <see cref="Random"/> so a dataset can be regenerated exactly. Wording is varied on purpose
/// (slots, casing, typos, emoji) and both classes have hard cases: ham that says "subscribe" or
/// links to a source, spam with no link at all.
/// </summary>
internal sealed class SyntheticComments(int seed)
{
    private readonly Random _random = new(seed);

    public List<LabeledText> Generate(int count, double spamShare = 0.5) =>
        [.. GenerateTagged(count, spamShare).Select(t => t.Example)];

    /// <summary>Also says which template each comment came from (negative for spam), to cross-validate by template.</summary>
    public List<(LabeledText Example, int Template)> GenerateTagged(int count, double spamShare = 0.5)
    {
        var result = new List<(LabeledText, int)>(count);
        for (var n = 0; n < count; n++)
        {
            var isSpam = _random.NextDouble() < spamShare;
            var templates = isSpam ? SpamTemplates : HamTemplates;
            var index = _random.Next(templates.Length);
            var text = Fill(templates[index]);
            if (_random.NextDouble() < 0.25)
            {
                // Chit-chat either class may carry, so no single filler phrase gives the label away.
                text = _random.NextDouble() < 0.5 ? $"{Pick(Slots["filler"])} {text}" : $"{text} {Pick(Slots["filler"])}";
            }
            result.Add((new LabeledText(Noise(text), isSpam), isSpam ? -1 - index : index));
        }
        return result;
    }

    private static readonly string[] HamTemplates =
    [
        "{love} this {song}{end}", "{love} this {song}, {memory}{end}", "who is still {watching} this in {year}?{end}",
        "{artist} is {praise}{end}", "{artist} {criticism}{end}", "{views} views{end} {wow}", "this {song} reminds me of {memory}",
        "the {part} at {time} {gives}{end}", "what's the name of the {person} at {time}?", "@{name} {agree}{end}",
        "{agree}, {artist} {criticism}", "i'm here because of {because}{end}", "{song} of the year, no doubt{end}",
        "i subscribed to {artist} years ago and still love every {song}", "my {relative} {relativeLikes} this {song}{end}",
        "the official {song} is on {artist}'s channel, this is a reupload", "read about how they made this: https://en.wikipedia.org/wiki/{wiki}",
        "the live version from {event} is even better{end}", "not my kind of music but the {part} is {praise2}{end}",
        "{wow} i didn't expect {artist} to {surprise}", "{year} and this still slaps{end}", "can't stop listening{end} {wow}",
        "this was playing at my {occasion}{end}", "anyone else {watching} at {clock} in the morning?", "first time hearing this and {wow}",
        "please never stop making music {artist}{end}", "the {part} sounds like {artist2}{end}", "who disliked this?? {wow}",
        "this got me through {hardTime}{end}", "lyrics are {praise2} but the {part} is kinda {meh}", "like if you {likeIf}{end}",
        "good article, but the {thing} figure is wrong, see {newsUrl}", "the council voted {n} to {n2}, source: {newsUrl}",
        "i wish they would subscribe to a better {thing2} plan lol", "is the {song} on spotify yet?", "money can't buy this kind of talent{end}",
        "{views} views and only {n}k comments, weird{end}", "my channel is about cooking but i had to leave a comment here{end}",
        "{check} the acoustic version on {artist}'s channel, {praise2}{end}", "lyrics here if anyone wants them: {lyricsUrl}",
        "{nice}, {love} the {part}{end}", "{hey}, does anyone know when the tour starts?", "{everyone} {agree} that the {part} is {praise2}",
        "{please} make a part 2{end}", "i {watch2} this every day before work{end}", "{artist} deserves every view{end}",
    ];

    private static readonly string[] SpamTemplates =
    [
        "{love} this {song}! {please} {check} my {channel}{end}", "{artist} {praise}, {promo} too{end}",
        "who is still {watching} this in {year}? {subscribe} {me}{end}", "{hey}, {promo}, would love some feedback{end}",
        "{hey} {please} {check} my {channel}{end} {promo}", "{hey} {please} {check} my {channel}: {url}",
        "{subscribe} {me} {subBack}{end}", "{subscribe} {me}, {goal}{end}", "{check} my {channel} {url} {thanks}",
        "{nice} {check} my {channel} too{end}", "{nice} {url}", "{promo}, {please} {check} my {channel}{end}",
        "i'm {age} and {promo}. {please} {subscribe}{end}", "{earn} {url}", "{earn}, {howTo}{end}", "{free} at {url}{end}",
        "{free}{end} {howTo}", "{like} so {artist} {sees}{end}", "{hey} {please} {subscribe} {me}, {goal}. {thanks}",
        "{watch} {url}", "{url} {watch}{end}", "{hey}, {promo}. {check} it out and tell me what you think{end}",
        "{everyone} {subscribe} to {name}, {deserves}{end}", "{goal}! {please} {help}{end}", "{nice} i {promo}, {check} my {channel}",
        "{hey} im a small {creator} from {city}, {help}{end}", "{earn} {thanks}", "{please} {like} and {subscribe} {me}{end}",
        "if you {likeIf}, {check} my {channel}{end}", "{nice} {earn} {url}", "{hey} {free} {url}", "{like} {url}",
        "go to {site} {earnTail}{end}", "{sub4sub}{end}", "{sub4sub} {url}", "{hey} {everyone} {check} {name}'s {channel}{end}",
    ];

    private static readonly Dictionary<string, string[]> Slots = new()
    {
        ["love"] = ["love", "i love", "loving", "obsessed with", "i adore", "still love", "omg i love", "really like"],
        ["song"] = ["song", "video", "track", "tune", "clip", "music video", "album", "beat"],
        ["end"] = ["", "", "", "!", "!!", ".", " :)", " <3", " ❤️", " 😍", " lol", "!!!", " 🔥"],
        ["watching"] = ["watching", "listening to", "here", "jamming to", "vibing to"],
        ["year"] = ["2013", "2015", "2019", "2021", "2023", "2024", "2025"],
        ["artist"] = ["Katy", "Shakira", "Eminem", "Psy", "LMFAO", "Adele", "Rihanna", "Drake", "Taylor", "Bruno"],
        ["artist2"] = ["Queen", "Michael Jackson", "the Beatles", "Daft Punk", "early Madonna"],
        ["praise"] = ["the best", "a legend", "so talented", "the queen", "underrated", "a genius", "amazing live"],
        ["praise2"] = ["beautiful", "perfect", "so catchy", "insane", "really clever", "hilarious"],
        ["criticism"] = ["is overrated tbh", "used to be better", "should go back to the old style", "can't sing live", "sold out"],
        ["views"] = ["2 billion", "1 billion", "500 million", "3B", "900M", "a billion"],
        ["wow"] = ["wow", "omg", "insane", "crazy", "lol", "damn", "unreal", "haha"],
        ["memory"] = ["my ex", "high school", "summer 2012", "my grandma's kitchen", "road trips with my dad", "my first dance", "college"],
        ["part"] = ["chorus", "bridge", "drop", "guitar solo", "dance", "ending", "intro", "beat"],
        ["time"] = ["0:45", "1:12", "2:30", "3:05", "1:59"],
        ["gives"] = ["gives me chills", "is the best part", "is so good", "makes me cry", "is perfect"],
        ["person"] = ["girl", "dancer", "guy in the hat", "drummer", "actress"],
        ["name"] = ["Mike", "Sarah", "jenny22", "TheRealDan", "lucas_b", "Maria", "Ahmed", "Kim"],
        ["agree"] = ["agreed", "exactly", "no way", "lol true", "same here", "you're so right", "nah"],
        ["because"] = ["tiktok", "the movie", "my sister", "the radio", "a meme", "the super bowl", "my teacher"],
        ["relative"] = ["mom", "dad", "little brother", "grandpa", "daughter"],
        ["relativeLikes"] = ["loves", "can't stand", "dances to", "sings along to", "keeps playing"],
        ["wiki"] = ["Gangnam_Style", "Waka_Waka", "Roar_(song)", "Party_Rock_Anthem", "Love_the_Way_You_Lie"],
        ["event"] = ["the 2014 world cup", "glastonbury", "the grammys", "rock in rio", "the super bowl"],
        ["surprise"] = ["sing like that", "make a song this sad", "dance so well", "come back"],
        ["occasion"] = ["wedding", "prom", "graduation", "birthday party", "work party"],
        ["clock"] = ["3", "4", "2", "5"],
        ["hardTime"] = ["a bad breakup", "exams", "lockdown", "a rough year", "chemo"],
        ["meh"] = ["boring", "repetitive", "weird", "too long"],
        ["likeIf"] = ["love this song", "came here from the radio", "are watching in 2024", "miss the old days"],
        ["thing"] = ["unemployment", "budget", "turnout", "population"],
        ["thing2"] = ["phone", "hair", "fashion"],
        ["newsUrl"] = ["https://www.bbc.com/news/uk-123", "http://www.reuters.com/article/idUS42", "https://apnews.com/article/vote"],
        ["n"] = ["3", "5", "7", "12", "40"], ["n2"] = ["2", "4", "6", "1"],
        ["hey"] = ["hey guys", "hi everyone", "hello", "hey", "yo", "hi", "guys", "hey everybody", "hello people"],
        ["please"] = ["please", "pls", "plz", "can you", "could you please", "kindly", "please please"],
        ["check"] = ["check out", "visit", "take a look at", "go to", "watch", "have a look at", "check"],
        ["channel"] = ["channel", "youtube channel", "new video", "music", "covers", "page", "vids", "latest upload"],
        ["promo"] = ["i make covers", "i do beats", "i post gaming videos", "i make vlogs", "i sing too", "i make remixes", "i just uploaded a new cover"],
        ["url"] = ["http://www.youtube.com/watch?v=abc123xyz", "https://youtu.be/Xy9_kq2", "bit.ly/2kQz9", "http://goo.gl/a8Bc", "www.freegiftz.com", "http://earnfast.net/ref=77", "https://my-music-site.com", "tinyurl.com/k4u2x"],
        ["thanks"] = ["thanks", "thank you", "thx", "ty", "God bless", "love you all", ""],
        ["subscribe"] = ["subscribe to", "sub to", "please subscribe to", "follow", "subscribe"],
        ["me"] = ["me", "my channel", "my page", "us"],
        ["subBack"] = ["and i'll sub back", "for more", "i will subscribe back", "", "i sub back fast"],
        ["goal"] = ["trying to reach 1000 subs", "i need 100 more subscribers", "help me get to 500 subs", "road to 10k subs", "my goal is 2000 subscribers by christmas"],
        ["nice"] = ["nice video", "great song", "awesome", "cool video", "nice", "good song", "amazing video"],
        ["age"] = ["13", "15", "16", "17", "19"],
        ["earn"] = ["i'm making $300 a day from home", "earn $50 per hour online", "make money fast working from home", "my aunt makes $80/hr on her laptop", "get paid to watch videos"],
        ["howTo"] = ["message me to find out how", "search it on google", "link on my profile", "details on my channel"],
        ["free"] = ["free gift cards", "free psn codes", "free iphone giveaway", "free robux", "free amazon vouchers", "win a free ipad"],
        ["like"] = ["like this comment", "thumbs up this", "give this comment a like", "make this the top comment"],
        ["sees"] = ["can see it", "notices me", "sees this", "reads it"],
        ["watch"] = ["watch this", "you have to see this", "omg look at this", "this is hilarious", "funny video"],
        ["everyone"] = ["everyone", "guys", "people", "you all", "everybody"],
        ["deserves"] = ["he deserves more subs", "she is so underrated", "best channel ever", "he makes awesome videos"],
        ["help"] = ["it would mean the world to me", "every view helps", "i would really appreciate it", "please support me"],
        ["creator"] = ["singer", "youtuber", "rapper", "artist", "gamer", "producer"],
        ["city"] = ["texas", "london", "manila", "lagos", "brazil", "ohio"],
        ["site"] = ["www.cashclicks.com", "moneyeasy.net", "surveyfree.org", "paidtowatch.com"],
        ["earnTail"] = ["and earn money", "to get free stuff", "and sign up for free", "you won't regret it"],
        ["filler"] = ["anyway", "greetings from brazil!", "sorry for my english", "its 3am here lol", "btw", "just saying", "no hate", "love from india", "haha"],
        ["lyricsUrl"] = ["https://genius.com/lyrics-42", "http://www.azlyrics.com/lyrics/song.html"],
        ["watch2"] = ["listen to", "watch", "play", "sing along to"],
        ["sub4sub"] = ["sub4sub", "sub 4 sub anyone?", "subscribe for subscribe", "sub for sub, comment done when you did"],
    };

    private string Pick(string[] options) => options[_random.Next(options.Length)];

    private string Fill(string template)
    {
        var text = template;
        for (int open; (open = text.IndexOf('{', StringComparison.Ordinal)) >= 0;)
        {
            var close = text.IndexOf('}', open);
            text = string.Concat(text.AsSpan(0, open), Pick(Slots[text[(open + 1)..close]]), text.AsSpan(close + 1));
        }
        return text.Trim();
    }

    // Real comments are inconsistently cased, typo-ridden and shouty; so are these.
    private string Noise(string text)
    {
        var roll = _random.NextDouble();
        text = roll < 0.15 ? text.ToUpperInvariant() : roll < 0.45 ? char.ToUpperInvariant(text[0]) + text[1..] : text;
        var i = _random.Next(1, Math.Max(2, text.Length - 2));
        if (_random.NextDouble() < 0.3 && i + 1 < text.Length && char.IsLetter(text[i]) && char.IsLetter(text[i + 1]))
        {
            text = string.Concat(text.AsSpan(0, i), text[i + 1].ToString(), text[i].ToString(), text.AsSpan(i + 2));
        }
        if (_random.NextDouble() < 0.2)
        {
            text = text.Replace("'", "", StringComparison.Ordinal);
        }
        return text;
    }
}
