/* scandir.c — POSIX scandir over mingw-w64's opendir/readdir: the entries
 * of dir that filter accepts (all when NULL), each malloc'd, in a malloc'd
 * array sorted by compar (unsorted when NULL).  Returns their number, or
 * -1 with errno set. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef int (*gf_scandir_compar)(const struct dirent **, const struct dirent **);

/* Insertion sort: qsort would need compar cast to another function type,
 * and a corpus directory holds a few hundred entries. */
static void sort(struct dirent **list, size_t n, gf_scandir_compar compar)
{
	for (size_t i = 1; i < n; i++) {
		struct dirent *e = list[i];
		size_t j = i;
		for (; j > 0 && compar((const struct dirent **)&list[j - 1],
				       (const struct dirent **)&e) > 0; j--)
			list[j] = list[j - 1];
		list[j] = e;
	}
}

static void release(struct dirent **list, size_t n)
{
	while (n)
		free(list[--n]);
	free(list);
}

int scandir(const char *dir, struct dirent ***namelist,
	    int (*filter)(const struct dirent *), gf_scandir_compar compar)
{
	DIR *d = opendir(dir);
	struct dirent **list = NULL, *e;
	size_t n = 0, cap = 0;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (filter && !filter(e))
			continue;
		if (n == cap) {
			size_t grown = cap ? 2 * cap : 64;
			struct dirent **more = realloc(list, grown * sizeof *list);
			if (!more)
				goto nomem;
			list = more;
			cap = grown;
		}
		if (!(list[n] = malloc(sizeof *e)))
			goto nomem;
		memcpy(list[n++], e, sizeof *e);
	}
	closedir(d);
	if (compar)
		sort(list, n, compar);
	*namelist = list;
	return (int)n;
nomem:
	release(list, n);
	closedir(d);
	errno = ENOMEM;
	return -1;
}
