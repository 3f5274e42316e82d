using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gazette.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ArticlePasswords : Migration
    {
        /// <summary>What the index holds of an article (<c>a</c>): of a protected one, the title alone.</summary>
        private static string Indexed(string a, bool protectedText) => protectedText
            ? $"{a}.Id, {a}.Title, CASE WHEN {a}.Password IS NULL THEN {a}.Summary ELSE '' END, CASE WHEN {a}.Password IS NULL THEN {a}.BodyText ELSE '' END"
            : $"{a}.Id, {a}.Title, {a}.Summary, {a}.BodyText";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Password",
                table: "Articles",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            // The search index (see FullTextSearch) reads its text from the view and is kept in step by
            // the triggers: both now give a password-protected article's title alone, so that its
            // summary and body are neither found nor quoted in snippets until the password is taken off.
            DropSearchIndex(migrationBuilder);
            CreateSearchIndex(migrationBuilder, protectedText: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            DropSearchIndex(migrationBuilder);
            migrationBuilder.DropColumn(
                name: "Password",
                table: "Articles");
            CreateSearchIndex(migrationBuilder, protectedText: false);
        }

        private static void DropSearchIndex(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ArticleSearch_AfterUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ArticleSearch_AfterDelete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ArticleSearch_AfterInsert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS ArticleSearch;");
            migrationBuilder.Sql("DROP VIEW IF EXISTS PublishedArticleText;");
        }

        /// <summary>The FullTextSearch migration's view, index and triggers, the text columns as <see cref="Indexed"/> gives them.</summary>
        private static void CreateSearchIndex(MigrationBuilder migrationBuilder, bool protectedText)
        {
            // The index reads its text (for snippets, and to rebuild) from here, by these column names.
            migrationBuilder.Sql(protectedText
                ? """
                  CREATE VIEW PublishedArticleText AS
                  SELECT Id, Title,
                      CASE WHEN Password IS NULL THEN Summary ELSE '' END AS Summary,
                      CASE WHEN Password IS NULL THEN BodyText ELSE '' END AS BodyText
                  FROM Articles
                  WHERE Status = 1 AND PublishedAt IS NOT NULL;
                  """
                : """
                  CREATE VIEW PublishedArticleText AS
                  SELECT Id, Title, Summary, BodyText FROM Articles
                  WHERE Status = 1 AND PublishedAt IS NOT NULL;
                  """);
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE ArticleSearch USING fts5(
                    Title, Summary, BodyText,
                    content='PublishedArticleText', content_rowid='Id',
                    tokenize='porter unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER ArticleSearch_AfterInsert AFTER INSERT ON Articles
                WHEN new.Status = 1 AND new.PublishedAt IS NOT NULL BEGIN
                    INSERT INTO ArticleSearch(rowid, Title, Summary, BodyText)
                    VALUES ({Indexed("new", protectedText)});
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER ArticleSearch_AfterDelete AFTER DELETE ON Articles
                WHEN old.Status = 1 AND old.PublishedAt IS NOT NULL BEGIN
                    INSERT INTO ArticleSearch(ArticleSearch, rowid, Title, Summary, BodyText)
                    VALUES ('delete', {Indexed("old", protectedText)});
                END;
                """);
            // An external-content index is told the values it holds to remove them: the old row's, as indexed.
            migrationBuilder.Sql($"""
                CREATE TRIGGER ArticleSearch_AfterUpdate AFTER UPDATE OF Title, Summary, BodyText, Status, PublishedAt{(protectedText ? ", Password" : "")} ON Articles BEGIN
                    INSERT INTO ArticleSearch(ArticleSearch, rowid, Title, Summary, BodyText)
                    SELECT 'delete', {Indexed("old", protectedText)}
                    WHERE old.Status = 1 AND old.PublishedAt IS NOT NULL;
                    INSERT INTO ArticleSearch(rowid, Title, Summary, BodyText)
                    SELECT {Indexed("new", protectedText)}
                    WHERE new.Status = 1 AND new.PublishedAt IS NOT NULL;
                END;
                """);
            migrationBuilder.Sql("INSERT INTO ArticleSearch(ArticleSearch) VALUES ('rebuild');");
        }
    }
}
