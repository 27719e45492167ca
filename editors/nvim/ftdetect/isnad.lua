-- Corpus articles: a `.txt` file under a folder that holds an `isnad.toml` gets the `newsarticle`
-- filetype. The function returns nothing for other `.txt` files, which keep their usual filetype.
vim.filetype.add({
  pattern = {
    ['.*%.txt'] = {
      function(path)
        if vim.fs.root(path, 'isnad.toml') then
          return 'newsarticle'
        end
      end,
      { priority = 10 },
    },
  },
})
