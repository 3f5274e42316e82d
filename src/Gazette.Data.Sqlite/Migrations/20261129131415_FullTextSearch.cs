using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gazette.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FullTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BodyText",
                table: "Articles",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            // Existing articles: their Markdown stands in for the plain text until their next save
            // (the app derives BodyText from Body on every save). The words are the same; the
            // tokenizer drops Markdown's punctuation.
            migrationBuilder.Sql("UPDATE Articles SET BodyText = Body;");

            // What readers may see (1 is ArticleStatus.Published), with the text search indexes.
            migrationBuilder.Sql("""
                CREATE VIEW PublishedArticleText AS
                SELECT Id, Title, Summary, BodyText FROM Articles
                WHERE Status = 1 AND PublishedAt IS NOT NULL;
                """);

            // The search index: FTS5 over that view (external content: the text is stored once, in
            // Articles, and snippet() reads it from there), so it holds published articles and pages
            // only and a search needs no join to leave drafts out. bm25 weights the columns at query
            // time. Porter stems English words; unicode61 folds case and, with remove_diacritics 2,
            // accents, so "cafe" finds "café".
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE ArticleSearch USING fts5(
                    Title, Summary, BodyText,
                    content='PublishedArticleText', content_rowid='Id',
                    tokenize='porter unicode61 remove_diacritics 2');
                """);

            // Triggers keep it in step with every write to Articles, whatever makes it: the editor,
            // or the scheduled publisher's ExecuteUpdate of the status. An article enters the index
            // when it becomes visible and leaves it when it stops being visible; an external-content
            // index must be told the old values to remove them, hence 'delete' with old.*.
            // Note: a later migration that makes EF rebuild the Articles table (SQLite's way of
            // altering some columns) drops these triggers with it and must create them again.
            migrationBuilder.Sql("""
                CREATE TRIGGER ArticleSearch_AfterInsert AFTER INSERT ON Articles
                WHEN new.Status = 1 AND new.PublishedAt IS NOT NULL BEGIN
                    INSERT INTO ArticleSearch(rowid, Title, Summary, BodyText)
                    VALUES (new.Id, new.Title, new.Summary, new.BodyText);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER ArticleSearch_AfterDelete AFTER DELETE ON Articles
                WHEN old.Status = 1 AND old.PublishedAt IS NOT NULL BEGIN
                    INSERT INTO ArticleSearch(ArticleSearch, rowid, Title, Summary, BodyText)
                    VALUES ('delete', old.Id, old.Title, old.Summary, old.BodyText);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER ArticleSearch_AfterUpdate AFTER UPDATE OF Title, Summary, BodyText, Status, PublishedAt ON Articles BEGIN
                    INSERT INTO ArticleSearch(ArticleSearch, rowid, Title, Summary, BodyText)
                    SELECT 'delete', old.Id, old.Title, old.Summary, old.BodyText
                    WHERE old.Status = 1 AND old.PublishedAt IS NOT NULL;
                    INSERT INTO ArticleSearch(rowid, Title, Summary, BodyText)
                    SELECT new.Id, new.Title, new.Summary, new.BodyText
                    WHERE new.Status = 1 AND new.PublishedAt IS NOT NULL;
                END;
                """);

            // Index the articles already published (reads the view).
            migrationBuilder.Sql("INSERT INTO ArticleSearch(ArticleSearch) VALUES ('rebuild');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ArticleSearch_AfterUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ArticleSearch_AfterDelete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ArticleSearch_AfterInsert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS ArticleSearch;");
            migrationBuilder.Sql("DROP VIEW IF EXISTS PublishedArticleText;");

            migrationBuilder.DropColumn(
                name: "BodyText",
                table: "Articles");
        }
    }
}
